import { describe, expect, it } from 'vitest';

describe('@pi-kit/core during server-side rendering (node, no window)', () => {
  it('imports without a window or document and without side effects', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const core = await import('@pi-kit/core');
    expect(typeof core.createPiClient).toBe('function');
    expect(typeof core.loadPiSdk).toBe('function');
    expect('Pi' in globalThis).toBe(false);
  });

  it('loadPiSdk resolves null, or rejects with SdkUnavailableError when asked to', async () => {
    const { loadPiSdk, SdkUnavailableError } = await import('@pi-kit/core');
    await expect(loadPiSdk()).resolves.toBeNull();
    await expect(loadPiSdk({ onServer: 'null' })).resolves.toBeNull();
    await expect(loadPiSdk({ onServer: 'reject' })).rejects.toBeInstanceOf(SdkUnavailableError);
  });

  it('a client can be created on the server; init reports the SDK unavailable', async () => {
    const { createPiClient, SdkUnavailableError, detectPiEnvironment } = await import('@pi-kit/core');
    expect(detectPiEnvironment()).toBe('server');
    const client = createPiClient({ sandbox: false, logger: false });
    expect(client.store.getState()).toMatchObject({
      sdk: { status: 'idle', error: null, sandbox: false, environment: 'server' },
      auth: { status: 'idle', user: null, accessToken: null },
      payment: null,
      incompletePayment: null,
    });
    await expect(client.init()).rejects.toBeInstanceOf(SdkUnavailableError);
    expect(client.store.getState().sdk.status).toBe('unavailable');
    await expect(client.authenticate(['username'])).rejects.toBeInstanceOf(SdkUnavailableError);
    expect(client.store.getState().auth.error).toBeInstanceOf(SdkUnavailableError);
  });

  it('a bare client too: init reports the SDK unavailable', async () => {
    const { createBarePiClient, createFetchTransport, SdkUnavailableError } = await import('@pi-kit/core');
    const client = createBarePiClient({ sandbox: false, logger: false, transport: createFetchTransport() });
    await expect(client.init()).rejects.toBeInstanceOf(SdkUnavailableError);
    expect(client.store.getState().sdk.status).toBe('unavailable');
  });
});
