/**
 * "Real Pi" mode of the vanilla example (docs/REAL-PI.md), without reaching Pi:
 * `PI_API_KEY` + `PI_SANDBOX` switch the server to `https://api.minepi.com` and the
 * page to Pi's SDK script, start no simulator, and the key never reaches the browser.
 */
import { PiKitError } from '@pi-kit/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/e2e/chromium';
import { recordingPiFetch } from '../../../scripts/e2e/recording-fetch';
import { PI_SDK_SCRIPT, recordServedBodies, stubPiSdkHost } from '../../../scripts/e2e/served-bodies';
import { type RunningVanilla, startVanilla } from '../server/start';

const SECRET = 'test-api-key-4c1d8e0b9a7f-never-in-the-browser';

describe('vanilla launcher', () => {
  // piConfigFromEnv itself is tested in packages/server-adapters/test/config.test.ts.
  it('refuses an incomplete real-Pi environment before starting anything, without showing the key', async () => {
    for (const env of [
      { PI_API_KEY: SECRET },
      { PI_API_KEY: SECRET, PI_SANDBOX: 'yes' },
      { PI_API_KEY: SECRET, PI_SANDBOX: 'true', PI_NETWORK: 'mainnet' },
    ]) {
      const failure = await startVanilla({ env }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(PiKitError);
      expect(failure).toMatchObject({ code: 'invalid_config' });
      expect(String((failure as Error).message)).not.toContain(SECRET);
    }
  });
});

describe('vanilla example against real Pi (no network: Pi is never reached)', () => {
  let demo: RunningVanilla;
  let browser: Browser;
  // Stands in for the network: records where the server would go and answers like Pi does to a bad token.
  const { fetch: recordingFetch, calls: piCalls } = recordingPiFetch();

  beforeAll(async () => {
    demo = await startVanilla({ env: { PI_API_KEY: SECRET, PI_SANDBOX: 'true' }, fetch: recordingFetch });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('starts no simulator and points the server at api.minepi.com', () => {
    expect(demo.mode).toBe('real');
    expect(demo.network).toBeNull();
    expect(demo.simulatorUrl).toBeNull();
    expect(demo.pi).toEqual({
      apiBaseUrl: 'https://api.minepi.com',
      horizonUrl: 'https://api.testnet.minepi.com',
      sdkUrl: 'https://sdk.minepi.com/pi-sdk.js',
      sandbox: true,
    });
  });

  it("loads Pi's SDK script in the page, never sends the key to the browser, and calls Pi's API from the server", async () => {
    const page = await browser.newPage();
    const sdkRequests = await stubPiSdkHost(page);
    const served = recordServedBodies(page, demo.url);
    await page.goto(demo.url);
    await expect.poll(() => sdkRequests).toContain(PI_SDK_SCRIPT);
    await page.waitForLoadState('networkidle');

    // An approval as the page would send it: the server asks Pi (api.minepi.com), with the key, server-side.
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/pi/approve', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ paymentId: 'p1', accessToken: 'not-a-real-token' }),
      });
      return { status: response.status, body: await response.text() };
    });
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain(SECRET);
    expect(piCalls.length).toBeGreaterThan(0);
    for (const call of piCalls) expect(call.url).toMatch(/^https:\/\/api\.minepi\.com\/v2\//);
    expect(piCalls.map((call) => call.url)).toContain('https://api.minepi.com/v2/me');

    const bodies = await served.assertAbsent({ PI_API_KEY: SECRET });
    expect(bodies.length).toBeGreaterThan(5); // the page, its modules and @pi-kit/core's
    expect(bodies.map((b) => b.body).join('\n')).toContain(PI_SDK_SCRIPT);
    await page.close();
  });
});
