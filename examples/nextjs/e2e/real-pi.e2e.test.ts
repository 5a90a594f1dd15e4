/**
 * "Real Pi" mode of the Next.js example (docs/REAL-PI.md), without reaching Pi:
 * with `PI_API_KEY` + `PI_SANDBOX=true` the server is configured for
 * `https://api.minepi.com`, the page loads Pi's SDK script, no simulator runs, and
 * the key never reaches the browser (HTML, RSC payload, scripts).
 * Shares the production build with nextjs.e2e.test.ts (`ensureNextBuild`: built once while the sources are unchanged).
 */
import { PiKitError } from '@pi-kit/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/e2e/chromium';
import { PI_SDK_SCRIPT, recordServedBodies, stubPiSdkHost } from '../../../scripts/e2e/served-bodies';
import { readPiConfig } from '../src/lib/pi-config';
import { ensureNextBuild } from '../server/next-process';
import { type RunningNextDemo, startNextDemo } from '../server/start';

const SECRET = 'test-api-key-9e2f7a41c0d3-never-in-the-browser';

describe('readPiConfig', () => {
  it("picks Pi's real endpoints with PI_API_KEY and PI_SANDBOX=true, and gives the browser only the SDK URL and the flag", () => {
    const config = readPiConfig({ PI_API_KEY: SECRET, PI_SANDBOX: 'true' });
    expect(config).toEqual({
      mode: 'real',
      apiKey: SECRET,
      network: 'Pi Testnet',
      apiBaseUrl: 'https://api.minepi.com',
      horizonUrl: 'https://api.testnet.minepi.com',
      browser: { sdkUrl: 'https://sdk.minepi.com/pi-sdk.js', sandbox: true },
    });
    expect(JSON.stringify(config.browser)).not.toContain(SECRET);
    expect(readPiConfig({ PI_API_KEY: SECRET, PI_SANDBOX: 'false', PI_NETWORK: 'Pi Network' })).toMatchObject({
      network: 'Pi Network',
      horizonUrl: 'https://api.mainnet.minepi.com',
      browser: { sandbox: false },
    });
  });

  it('uses the simulator the launcher started', () => {
    expect(readPiConfig({ PI_API_KEY: 'sim-key', PI_SIMULATOR_URL: 'http://127.0.0.1:4100' })).toMatchObject({
      mode: 'simulator',
      apiBaseUrl: 'http://127.0.0.1:4100',
      horizonUrl: 'http://127.0.0.1:4100/horizon',
      browser: { sdkUrl: 'http://127.0.0.1:4100/pi-sdk.js', sandbox: false },
    });
  });

  it('refuses a missing key, a key without an explicit sandbox flag and an unknown network, never showing the key', () => {
    for (const env of [
      {},
      { PI_API_KEY: SECRET },
      { PI_API_KEY: SECRET, PI_SANDBOX: '1' },
      { PI_API_KEY: SECRET, PI_SANDBOX: 'true', PI_NETWORK: 'testnet' },
    ]) {
      let caught: unknown;
      try {
        readPiConfig(env);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PiKitError);
      expect(caught).toMatchObject({ code: 'invalid_config' });
      expect((caught as Error).message).not.toContain(SECRET);
    }
  });

  it('the launcher refuses an incomplete real-Pi environment before starting anything', async () => {
    await expect(startNextDemo({ env: { PI_API_KEY: SECRET } })).rejects.toMatchObject({ code: 'invalid_config' });
  });
});

describe('Next.js example against real Pi (no network: Pi is never reached)', () => {
  let demo: RunningNextDemo;
  let browser: Browser;

  beforeAll(async () => {
    await ensureNextBuild();
    demo = await startNextDemo({ env: { PI_API_KEY: SECRET, PI_SANDBOX: 'true' } });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('starts no simulator and renders the sandbox page on the server', async () => {
    expect(demo.mode).toBe('real');
    expect(demo.network).toBeNull();
    const html = await (await fetch(demo.url)).text();
    expect(html).toContain('Pi sandbox (Pi Testnet)');
    expect(html).toContain('https://sdk.minepi.com/pi-sdk.js');
    expect(html).not.toContain(SECRET);
  });

  it("loads Pi's SDK script in the browser and never sends it the key", async () => {
    const page = await browser.newPage();
    const sdkRequests = await stubPiSdkHost(page);
    const served = recordServedBodies(page, demo.url);
    await page.goto(demo.url);
    await expect.poll(() => sdkRequests, { timeout: 20_000 }).toContain(PI_SDK_SCRIPT);
    await page.waitForLoadState('networkidle');

    const bodies = await served.assertAbsent({ PI_API_KEY: SECRET });
    expect(bodies.length).toBeGreaterThan(3); // the page and its script chunks
    await page.close();
  });
});
