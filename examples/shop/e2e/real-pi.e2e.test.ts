/**
 * "Real Pi" mode of the shop (docs/REAL-PI.md), without reaching Pi: `PI_API_KEY` +
 * `PI_SANDBOX` switch `startDemo` (so `pnpm demo`) to `https://api.minepi.com` and the page
 * to Pi's SDK script, start no simulator, and neither the API key nor the app wallet seed
 * (`PI_WALLET_SEED`, for refunds) ever reaches the browser, on the shop or the admin page.
 */
import { Keypair } from '@stellar/stellar-sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/e2e/chromium';
import { recordingPiFetch } from '../../../scripts/e2e/recording-fetch';
import { PI_SDK_SCRIPT, recordServedBodies, stubPiSdkHost } from '../../../scripts/e2e/served-bodies';
import { type RunningDemo, startDemo } from '../server/start';

const SECRET = 'test-api-key-5d2a90c7e1f4-never-in-the-browser';
const SEED = Keypair.random().secret();
const ADMIN_TOKEN = 'admin-token-of-the-real-shop';

describe('shop launcher', () => {
  it('refuses an incomplete real-Pi environment before starting anything, without showing the key', async () => {
    for (const env of [{ PI_API_KEY: SECRET }, { PI_API_KEY: SECRET, PI_SANDBOX: 'true', PI_WALLET_SEED: 'S-not-a-seed' }]) {
      const failure = await startDemo({ env }).then(
        () => undefined,
        (error: unknown) => error as Error & { code?: string },
      );
      expect(failure?.code).toBe('invalid_config');
      expect(failure?.message).not.toContain(SECRET);
    }
  });
});

describe('shop against real Pi (no network: Pi is never reached)', () => {
  let demo: RunningDemo;
  let browser: Browser;
  // Stands in for the network: records where the server would go and answers like Pi does to a bad token.
  const { fetch: recordingFetch, calls: piCalls } = recordingPiFetch();

  beforeAll(async () => {
    demo = await startDemo({
      env: { PI_API_KEY: SECRET, PI_SANDBOX: 'true', PI_WALLET_SEED: SEED, SHOP_ADMIN_TOKEN: ADMIN_TOKEN },
      fetch: recordingFetch,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("starts no simulator and points the server at Pi's endpoints", () => {
    expect(demo.mode).toBe('real');
    expect(demo.network).toBeNull();
    expect(demo.simulatorUrl).toBeNull();
    expect(demo.pi).toEqual({
      apiBaseUrl: 'https://api.minepi.com',
      horizonUrl: 'https://api.testnet.minepi.com',
      sdkUrl: PI_SDK_SCRIPT,
      sandbox: true,
      network: 'Pi Testnet',
    });
    expect(demo.adminToken).toBe(ADMIN_TOKEN);
    expect(demo.refunds).toBe(true);
  });

  it("loads Pi's SDK on the shop and the admin page, calls Pi from the server, and never sends the key or the seed to the browser", async () => {
    const page = await browser.newPage();
    const sdkRequests = await stubPiSdkHost(page);
    const served = recordServedBodies(page, demo.url);
    await page.goto(demo.url);
    await expect.poll(() => sdkRequests).toContain(PI_SDK_SCRIPT);
    await page.waitForLoadState('networkidle');

    // The page's calls: the orders (the server asks Pi's /v2/me) and the admin API.
    const answers = await page.evaluate(async (adminToken) => {
      const orders = await fetch('/api/orders', { headers: { authorization: 'Bearer not-a-real-token' } });
      const admin = await fetch('/api/admin/orders', { headers: { authorization: `Bearer ${adminToken}` } });
      const refund = await fetch('/api/admin/orders/no-such-order/refund', {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
      });
      return { orders: orders.status, admin: admin.status, refund: refund.status };
    }, ADMIN_TOKEN);
    expect(answers).toEqual({ orders: 401, admin: 200, refund: 404 });
    // GET /v2/me with the user's token (Pi's docs: the access token, not the key, identifies the user).
    expect(piCalls).toContainEqual({ url: 'https://api.minepi.com/v2/me', authorization: 'Bearer not-a-real-token' });
    for (const call of piCalls) expect(call.url).toMatch(/^https:\/\/api\.minepi\.com\/v2\//);

    await page.goto(`${demo.url}/admin`);
    await page.getByTestId('admin-token').fill(ADMIN_TOKEN);
    await page.getByTestId('admin-signin').click();
    await page.getByTestId('admin-order-list').waitFor({ state: 'attached' }); // empty: no order against real Pi yet
    await page.waitForLoadState('networkidle');

    const bodies = await served.assertAbsent({ PI_API_KEY: SECRET, PI_WALLET_SEED: SEED });
    expect(bodies.length).toBeGreaterThan(5); // the pages, their modules, the API answers
    expect(bodies.map((b) => b.body).join('\n')).toContain(PI_SDK_SCRIPT);
    await page.close();
  });
});
