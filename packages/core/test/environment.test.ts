// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPiClient, detectPiEnvironment } from '@pi-kit/core';
import { isDevelopment } from '@pi-kit/core/internal';
import { createPiNetwork, createSimulatedPi } from '@pi-kit/simulator';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('detectPiEnvironment (browser)', () => {
  it('says "browser" for an ordinary top-level page', () => {
    expect(detectPiEnvironment()).toBe('browser');
  });

  it('says "pi-browser" when the user agent names the Pi Browser', () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (Linux; Android 13) PiBrowser/2.1.0');
    expect(detectPiEnvironment()).toBe('pi-browser');
  });

  it('says "pi-browser" for a framed page (the Pi Browser and the sandbox frame apps)', () => {
    vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window);
    expect(detectPiEnvironment()).toBe('pi-browser');
  });

  it('is in the store as a synchronous hint, and sandbox outside a frame is warned about at init', async () => {
    const warnings: string[] = [];
    const pi = createSimulatedPi(createPiNetwork({ users: [{ username: 'bob' }] }), { user: 'bob', sandbox: true });
    const client = createPiClient({ sandbox: true, sdk: pi, logger: { warn: (m) => warnings.push(m), error: () => undefined } });
    expect(client.store.getState().sdk.environment).toBe('browser');
    await client.init();
    expect(warnings.some((w) => w.includes('sandbox'))).toBe(true);
    pi.dispose();
  });
});

describe('isDevelopment', () => {
  it('follows NODE_ENV when core is loaded', async () => {
    expect(isDevelopment()).toBe(true); // vitest: NODE_ENV=test
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const fresh = (await import('@pi-kit/core/internal')) as typeof import('@pi-kit/core/internal');
    vi.unstubAllEnvs();
    expect(fresh.isDevelopment()).toBe(false);
    expect(isDevelopment()).toBe(true);
  });
});
