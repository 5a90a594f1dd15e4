// @vitest-environment node
import type { PiClientOptions } from '@pi-kit/core';
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { builtinEnvironments } from 'vitest/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PiProvider, useAd, useNativeFeatures, usePayment, usePiAuth, usePiSdk, useShareDialog } from '../src/index';
import { createPiHarness } from '@pi-kit/simulator/testing';

/** A page using every hook, as an app would. */
function Page() {
  const auth = usePiAuth();
  const payment = usePayment();
  const sdk = usePiSdk();
  const features = useNativeFeatures();
  const ad = useAd('rewarded');
  const share = useShareDialog();
  return (
    <main>
      <p id="sdk">{sdk.status}</p>
      <p id="auth">{auth.status === 'authenticated' ? `@${auth.user?.username}` : auth.status}</p>
      <p id="phase">{payment.phase}</p>
      <button type="button" disabled={!payment.canPay}>
        Buy
      </button>
      <p id="features">{features.status}</p>
      <p id="ad">{String(ad.ready)}</p>
      <p id="share">{String(share.canShare)}</p>
    </main>
  );
}

const SERVER_HTML =
  '<main><p id="sdk">loading</p><p id="auth">idle</p><p id="phase">idle</p><button type="button" disabled="">Buy</button><p id="features">loading</p><p id="ad">null</p><p id="share">false</p></main>';

let teardown: (() => unknown) | undefined;
afterEach(async () => {
  await teardown?.();
  teardown = undefined;
  vi.restoreAllMocks();
});

/** Creates a browser (jsdom) in this node test, after the server render. */
async function openBrowser(html: string) {
  const environment = await builtinEnvironments.jsdom.setup(globalThis, {
    jsdom: { url: 'http://localhost/', html: `<!doctype html><html><body><div id="root">${html}</div></body></html>` },
  });
  teardown = () => environment.teardown(globalThis);
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const { hydrateRoot } = await import('react-dom/client');
  return { hydrateRoot, container: document.getElementById('root')! };
}

describe('server-side rendering', () => {
  it('renders every hook on the server without touching window (default options: Pi’s own script)', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(
      <PiProvider options={{ sandbox: false }} autoSignIn>
        <Page />
      </PiProvider>,
    );
    expect(html).toBe(SERVER_HTML);
    expect(typeof window).toBe('undefined');
    expect((globalThis as { Pi?: unknown }).Pi).toBeUndefined();
  });

  // Creating a jsdom window and loading react-dom/client take a few seconds in a node worker.
  it('hydrates that markup without a mismatch or warning, then initialises the SDK and signs in', { timeout: 20_000 }, async () => {
    const serverHtml = renderToString(
      <PiProvider options={{ sandbox: false }} autoSignIn>
        <Page />
      </PiProvider>,
    );
    const harness = createPiHarness(); // the browser's window.Pi: the simulator
    const { hydrateRoot, container } = await openBrowser(serverHtml);
    const consoleError = vi.spyOn(console, 'error');
    const recoverable: unknown[] = [];
    const options: PiClientOptions = harness.options;

    let root!: ReturnType<typeof hydrateRoot>;
    await React.act(async () => {
      root = hydrateRoot(
        container,
        <PiProvider options={options} autoSignIn>
          <Page />
        </PiProvider>,
        { onRecoverableError: (error) => recoverable.push(error) },
      );
    });
    for (let i = 0; i < 10 && container.querySelector('#auth')?.textContent !== '@alice'; i++) {
      await React.act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    }
    expect(recoverable).toEqual([]);
    expect(consoleError.mock.calls.map((call) => String(call[0]).slice(0, 300))).toEqual([]);
    expect(container.querySelector('#sdk')?.textContent).toBe('ready');
    expect(container.querySelector('#auth')?.textContent).toBe('@alice');
    expect(container.querySelector('#features')?.textContent).toBe('ready');
    expect(container.querySelector('#ad')?.textContent).toBe('true');
    expect(container.querySelector('#share')?.textContent).toBe('true');
    expect((container.querySelector('button') as HTMLButtonElement).disabled).toBe(false);
    expect(harness.network.events.filter((event) => event.type === 'sdk.init')).toHaveLength(1);
    await React.act(async () => root.unmount());
    harness.dispose();
  });

  it('hydrates with a client that was already signed in before hydration: server markup first, then the state', {
    timeout: 20_000,
  }, async () => {
    const serverHtml = renderToString(
      <PiProvider options={{ sandbox: false }}>
        <Page />
      </PiProvider>,
    );
    const harness = createPiHarness();
    await harness.client.authenticate();
    const { hydrateRoot, container } = await openBrowser(serverHtml);
    const consoleError = vi.spyOn(console, 'error');
    const recoverable: unknown[] = [];
    let root!: ReturnType<typeof hydrateRoot>;
    await React.act(async () => {
      root = hydrateRoot(
        container,
        <PiProvider client={harness.client}>
          <Page />
        </PiProvider>,
        { onRecoverableError: (error) => recoverable.push(error) },
      );
    });
    expect(recoverable).toEqual([]);
    expect(consoleError.mock.calls.map((call) => String(call[0]).slice(0, 300))).toEqual([]);
    expect(container.querySelector('#auth')?.textContent).toBe('@alice');
    await React.act(async () => root.unmount());
    harness.dispose();
  });
});
