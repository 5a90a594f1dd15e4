import { afterEach, describe, expect, it, vi } from 'vitest';
import { PiBrowserRequiredError, type PiSdk } from '@pi-kit/core';
import { harness, outcome, type Harness } from './support/simulated';

let h: Harness;
afterEach(() => {
  h?.dispose();
  vi.useRealTimers();
});

/**
 * The simulated SDK, with its first `Pi.authenticate` answered by `first` instead
 * (a Pi Browser that is absent, or whose messaging times out); later calls reach the simulator.
 */
function firstAuthenticate(pi: PiSdk, first: () => Promise<never>): PiSdk {
  let calls = 0;
  return Object.assign(Object.create(pi) as PiSdk, {
    authenticate: (...args: Parameters<PiSdk['authenticate']>) => (++calls === 1 ? first() : pi.authenticate(...args)),
  });
}

describe('state.sdk.notInPiBrowser', () => {
  it('is null until authenticate settles, then the PiBrowserRequiredError when Pi.authenticate never answered', async () => {
    vi.useFakeTimers();
    h = harness({ pi: { outsidePiBrowser: true }, client: { authTimeoutMs: 5_000 } });
    expect(h.client.store.getState().sdk.notInPiBrowser).toBeNull();
    const result = outcome(h.client.authenticate(['username']));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(h.client.store.getState().sdk).toMatchObject({ status: 'ready', notInPiBrowser: null });
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await result;
    expect(error).toBeInstanceOf(PiBrowserRequiredError);
    // The SDK is still initialised; the host is what is missing.
    expect(h.client.store.getState().sdk).toMatchObject({ status: 'ready', error: null, notInPiBrowser: error });
    expect(h.client.store.getState().auth.error).toBe(error);
  });

  it("is set by the SDK's own messaging timeout, and stays after signOut (it is about the host, not the user)", async () => {
    h = harness();
    const sdk = firstAuthenticate(h.pi, () => Promise.reject(new Error('Messaging promise with id 0 timed out after 60000ms')));
    h = { ...h, ...h.secondTab({}, { sdk }) };
    const { error } = await outcome(h.client.authenticate(['username']));
    expect(error).toBeInstanceOf(PiBrowserRequiredError);
    expect(h.client.store.getState().sdk.notInPiBrowser).toBe(error);
    h.client.signOut();
    expect(h.client.store.getState().sdk.notInPiBrowser).toBe(error);
  });

  it('is cleared once Pi.authenticate answers', async () => {
    vi.useFakeTimers();
    h = harness();
    const sdk = firstAuthenticate(h.pi, () => new Promise<never>(() => undefined));
    h = { ...h, ...h.secondTab({}, { sdk, authTimeoutMs: 5_000 }) };
    const first = outcome(h.client.authenticate(['username']));
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await first).error).toBeInstanceOf(PiBrowserRequiredError);
    const before = h.client.store.getState().sdk;
    expect(before.notInPiBrowser).toBeInstanceOf(PiBrowserRequiredError);

    await expect(h.client.authenticate(['username'])).resolves.toMatchObject({ user: { username: 'alice' } });
    const after = h.client.store.getState().sdk;
    expect(after).toMatchObject({ status: 'ready', notInPiBrowser: null });
    expect(after).not.toBe(before);
  });

  it('stays null when Pi.authenticate rejects for another reason (the Pi Browser answered)', async () => {
    h = harness({ pi: { sandbox: true } }); // the client says sandbox: false
    const { error } = await outcome(h.client.authenticate(['username']));
    expect(error).toMatchObject({ code: 'authentication_failed' });
    expect(h.client.store.getState().sdk.notInPiBrowser).toBeNull();
  });

  it('leaves the sdk slice untouched (same object) while nothing changes', async () => {
    h = harness();
    await h.client.init();
    const sdk = h.client.store.getState().sdk;
    await h.client.authenticate(['username']);
    await h.client.authenticate(['username', 'payments']);
    expect(h.client.store.getState().sdk).toBe(sdk);
  });
});
