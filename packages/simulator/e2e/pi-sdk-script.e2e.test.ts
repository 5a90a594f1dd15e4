/**
 * The browser script in a real browser: headless Chromium (Debian's, driven by
 * playwright-core) loads a page from another localhost port, which loads
 * `/pi-sdk.js` from the simulator server (CORS), pays through the wallet dialog
 * and an app server, over the JSON bridge. Part of `pnpm test:e2e`, with the other Chromium tests.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedAppServer } from '../src/index';
import { createPiNetwork } from '../src/index';
import { startSimulatorServer, type SimulatorServer } from '../src/server';
import { htmlResponse, type PageServer, startPageServer } from './page-server';
import { launchChromium } from '../../../scripts/e2e/chromium';

let sim: SimulatorServer;
let pageServer: PageServer;
let pageUrl: string;
let browser: Browser;

const page = (simUrl: string) => `<!doctype html><html><body><h1>Shop</h1>
<script src="${simUrl}/pi-sdk.js?__USER__"></script>
<script>
  window.results = [];
  window.pay = async (amount) => {
    Pi.init({ version: '2.0' });
    const auth = await Pi.authenticate(['username', 'payments'], () => results.push('incomplete'));
    results.push('user:' + auth.user.username);
    const post = (route, body) => fetch('/api/pi/' + route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    Pi.createPayment({ amount, memo: 'Digital kitten #1234', metadata: { orderId: 1 } }, {
      onReadyForServerApproval: (paymentId) => { results.push('approval'); post('approve', { paymentId, accessToken: auth.accessToken }); },
      onReadyForServerCompletion: (paymentId, txid) => {
        results.push('completion');
        post('complete', { paymentId, txid }).then((r) => r.ok && results.push('completed'));
      },
      onCancel: () => results.push('cancel'),
      onError: (error) => results.push('error:' + error.message),
    });
  };
</script></body></html>`;

beforeAll(async () => {
  const network = createPiNetwork({
    seed: 21,
    users: [
      { username: 'alice', balance: 100 },
      { username: 'bob', balance: 5 },
    ],
    timings: { callbackRetryMs: 500 },
  });
  sim = await startSimulatorServer({ network });
  const app = createSimulatedAppServer(network);
  pageServer = await startPageServer(async (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/pi/')) return app.fetch(request);
    return htmlResponse(page(sim.url).replace('__USER__', `user=${url.searchParams.get('user') ?? 'alice'}`));
  });
  pageUrl = pageServer.url;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pageServer?.close();
  await sim?.close();
});

async function open(user: string): Promise<Page> {
  const tab = await browser.newPage();
  await tab.goto(`${pageUrl}/?user=${user}`);
  await tab.waitForFunction(() => typeof (window as { Pi?: unknown }).Pi === 'object');
  return tab;
}

const results = (tab: Page) => tab.evaluate(() => (window as unknown as { results: string[] }).results);

describe('/pi-sdk.js in Chromium', () => {
  it('pays through the wallet dialog: review, "Approve & sign", completed', async () => {
    const tab = await open('alice');
    await tab.evaluate(() => (window as unknown as { pay(amount: number): Promise<void> }).pay(3.1415));
    const dialog = tab.locator('[data-testid="pi-wallet-dialog"]');
    await dialog.waitFor({ state: 'visible' });
    expect(await tab.locator('[data-testid="pi-wallet-amount"]').textContent()).toBe('3.1415 π');
    expect(await tab.locator('[data-testid="pi-wallet-memo"]').textContent()).toBe('Digital kitten #1234');
    await tab.locator('[data-testid="pi-wallet-approve"]').click();
    await tab.waitForFunction(() => (window as unknown as { results: string[] }).results.includes('completed'));
    await dialog.waitFor({ state: 'detached' });
    expect((await results(tab)).filter((r, i, all) => r !== all[i - 1])).toEqual(['user:alice', 'approval', 'completion', 'completed']);
    const payment = sim.network.payments().find((p) => p.memo === 'Digital kitten #1234' && p.amount === 3.1415);
    expect(payment?.status.developer_completed).toBe(true);
    await tab.close();
  }, 30_000);

  it('shows insufficient funds; "Close" cancels the payment', async () => {
    const tab = await open('bob');
    await tab.evaluate(() => (window as unknown as { pay(amount: number): Promise<void> }).pay(50));
    const message = tab.locator('[data-testid="pi-wallet-message"]');
    await message.waitFor({ state: 'visible' });
    expect(await message.textContent()).toMatch(/Insufficient funds/);
    expect(await tab.locator('[data-testid="pi-wallet-approve"]').isDisabled()).toBe(true);
    await tab.locator('[data-testid="pi-wallet-reject"]').click();
    await tab.waitForFunction(() => (window as unknown as { results: string[] }).results.includes('cancel'));
    await tab.locator('[data-testid="pi-wallet-dialog"]').waitFor({ state: 'detached' });
    await tab.close();
  }, 30_000);
});
