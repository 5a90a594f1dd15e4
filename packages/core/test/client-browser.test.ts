// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { SdkLoadError, createPiClient } from '@pi-kit/core';
import { createPiNetwork, installSimulatedPi, type SimulatedPi } from '@pi-kit/simulator';

let installed: SimulatedPi | undefined;
afterEach(() => {
  installed?.dispose();
  installed = undefined;
  document.head.innerHTML = '';
});

const network = () => createPiNetwork({ users: [{ username: 'alice', balance: 10 }] });

describe('createPiClient in a browser, with the default loader', () => {
  it('uses the window.Pi already in the page', async () => {
    installed = installSimulatedPi(network(), { user: 'alice' });
    const client = createPiClient({ sandbox: false, logger: false });
    await expect(client.init()).resolves.toBe(window.Pi);
    await expect(client.authenticate(['username'])).resolves.toMatchObject({ user: { username: 'alice' } });
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('loads the script from sdkUrl, reports a failure in state.sdk, and retries on the next init', async () => {
    const sdkUrl = 'https://sim.test/pi-sdk.js';
    const client = createPiClient({ sandbox: false, logger: false, sdkUrl });
    const first = client.init();
    expect(client.store.getState().sdk.status).toBe('loading');
    const tag = document.querySelector<HTMLScriptElement>(`script[src="${sdkUrl}"]`)!;
    tag.dispatchEvent(new Event('error'));
    const error = await first.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkLoadError);
    expect(client.store.getState().sdk).toMatchObject({ status: 'error', error });

    const second = client.init();
    expect(second).not.toBe(first);
    installed = installSimulatedPi(network(), { user: 'alice' }); // what the script does when it loads
    document.querySelector(`script[src="${sdkUrl}"]`)!.dispatchEvent(new Event('load'));
    await expect(second).resolves.toBe(installed);
    expect(client.store.getState().sdk).toMatchObject({ status: 'ready', error: null });
  });
});
