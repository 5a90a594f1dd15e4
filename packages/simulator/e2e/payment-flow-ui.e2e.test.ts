/**
 * The simulated payment flow UI in Chromium, state by state, as Pi's payment flow describes it
 * (payments.md, "The Payment flow"; docs/PI-PLATFORM.md): it opens at `createPayment` but cannot
 * be used until the app's server approves (the page under it cannot be clicked either); the user
 * signs; it stays open until the app's server completes the payment, then closes. Insufficient
 * funds and a payment the app never completes end with a message. A screenshot of each state is
 * written to `test-results/payment-flow-<state>.png`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlResponse, type PageServer, startPageServer } from './page-server';
import { artifactPath, launchChromium } from '../../../scripts/e2e/chromium';
import { createPiNetwork, type PiNetwork } from '../src/index';
import { startSimulatorServer, type SimulatorServer } from '../src/server';

let network: PiNetwork;
let sim: SimulatorServer;
let pageServer: PageServer;
let pageUrl: string;
let browser: Browser;

// The page's callbacks only note what the SDK asks for: the test plays the app's server.
const html = (simUrl: string, user: string) => `<!doctype html><html><body><h1>Shop</h1>
<button id="other" onclick="window.clicked = true">Something else on the page</button>
<script src="${simUrl}/pi-sdk.js?user=${user}"></script>
<script>
  window.asked = [];
  window.pay = async (amount) => {
    Pi.init({ version: '2.0' });
    await Pi.authenticate(['username', 'payments'], () => {});
    Pi.createPayment({ amount, memo: 'Digital kitten #1234', metadata: {} }, {
      onReadyForServerApproval: (paymentId) => asked.push({ approve: paymentId }),
      onReadyForServerCompletion: (paymentId, txid) => asked.push({ complete: paymentId, txid }),
      onCancel: () => asked.push({ cancelled: true }),
      onError: (error) => asked.push({ error: error.message }),
    });
  };
</script></body></html>`;

beforeAll(async () => {
  network = createPiNetwork({
    seed: 31,
    users: [
      { username: 'alice', balance: 100 },
      { username: 'bob', balance: 5 },
      { username: 'carol', balance: 100 },
    ],
    timings: { callbackRetryMs: 500, completionTimeoutMs: 4_000 },
  });
  sim = await startSimulatorServer({ network });
  pageServer = await startPageServer(async (request) =>
    htmlResponse(html(sim.url, new URL(request.url).searchParams.get('user') ?? 'alice')),
  );
  pageUrl = pageServer.url;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pageServer?.close();
  await sim?.close();
});

async function startPayment(user: string, amount: number): Promise<{ tab: Page; paymentId: string }> {
  const tab = await browser.newPage();
  await tab.goto(`${pageUrl}/?user=${user}`);
  await tab.waitForFunction(() => typeof (window as { Pi?: unknown }).Pi === 'object');
  await tab.evaluate((a) => (window as unknown as { pay(a: number): Promise<void> }).pay(a), amount);
  const asked = () => tab.evaluate(() => (window as unknown as { asked: Array<Record<string, string>> }).asked);
  await expect.poll(async () => (await asked()).find((a) => a.approve)?.approve).toBeDefined();
  return { tab, paymentId: (await asked()).find((a) => a.approve)!.approve! };
}

const state = (tab: Page) => tab.getByTestId('pi-wallet-dialog').getAttribute('data-state');
const shot = (tab: Page, name: string) => tab.screenshot({ path: artifactPath(`payment-flow-${name}.png`) });

describe("the payment flow UI in Chromium, per Pi's payment flow", () => {
  it('awaiting approval (locked, the page blocked) → review → awaiting completion (open until completed) → closed', async () => {
    const { tab, paymentId } = await startPayment('alice', 3.14);
    const dialog = tab.getByTestId('pi-wallet-dialog');

    // Step 1: open, but nothing can be done until the app's server approves.
    await expect.poll(() => state(tab)).toBe('awaiting_approval');
    expect(await tab.getByTestId('pi-wallet-status').textContent()).toBe('Waiting for the app to approve this payment…');
    expect(await tab.getByTestId('pi-wallet-approve').isDisabled()).toBe(true);
    expect(await tab.getByTestId('pi-wallet-reject').isDisabled()).toBe(true);
    await expect(tab.locator('#other').click({ timeout: 500 })).rejects.toThrow(/intercepts pointer events|Timeout/);
    expect(await tab.evaluate(() => (window as { clicked?: boolean }).clicked)).toBeUndefined();
    await shot(tab, 'awaiting-approval');

    // Server-Side Approval: the user can decide.
    network.approvePayment(paymentId);
    await expect.poll(() => state(tab), { timeout: 5_000 }).toBe('review');
    expect(await tab.getByTestId('pi-wallet-approve').isEnabled()).toBe(true);
    await shot(tab, 'review');

    // The user signs: the transaction is on the blockchain, the flow stays open until completion.
    await tab.getByTestId('pi-wallet-approve').click();
    await expect.poll(() => state(tab), { timeout: 5_000 }).toBe('awaiting_completion');
    expect(network.getPayment(paymentId)?.status).toMatchObject({ transaction_verified: true, developer_completed: false });
    expect(await tab.getByTestId('pi-wallet-status').textContent()).toBe('Paid. Waiting for the app to complete the payment…');
    await shot(tab, 'awaiting-completion');
    await tab.waitForTimeout(1_000);
    expect(await state(tab)).toBe('awaiting_completion');

    // Server-Side Completion: the flow closes.
    network.completePayment(paymentId, network.getPayment(paymentId)!.transaction!.txid);
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    await tab.locator('#other').click();
    await shot(tab, 'closed-after-completion');
    await tab.close();
  });

  it('insufficient funds: the message, approve disabled, "Close" cancels', async () => {
    const { tab, paymentId } = await startPayment('bob', 50);
    network.approvePayment(paymentId);
    await expect.poll(() => state(tab), { timeout: 5_000 }).toBe('insufficient_funds');
    expect(await tab.getByTestId('pi-wallet-message').textContent()).toMatch(/Insufficient funds: your balance is 5 π/);
    expect(await tab.getByTestId('pi-wallet-approve').isDisabled()).toBe(true);
    await shot(tab, 'insufficient-funds');
    await tab.getByTestId('pi-wallet-reject').click();
    await tab.getByTestId('pi-wallet-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => network.getPayment(paymentId)?.status.user_cancelled).toBe(true);
    await tab.close();
  });

  it('the app never completes: after the completion timer, the flow says so and can be closed; the payment stays incomplete', async () => {
    const { tab, paymentId } = await startPayment('carol', 1);
    network.approvePayment(paymentId);
    await expect.poll(() => state(tab), { timeout: 5_000 }).toBe('review');
    await tab.getByTestId('pi-wallet-approve').click();
    await expect.poll(() => state(tab), { timeout: 5_000 }).toBe('awaiting_completion');
    await expect.poll(() => state(tab), { timeout: 10_000 }).toBe('incomplete');
    expect(await tab.getByTestId('pi-wallet-message').textContent()).toMatch(/has not completed this payment yet/);
    await shot(tab, 'incomplete');
    await tab.getByTestId('pi-wallet-reject').click();
    await tab.getByTestId('pi-wallet-dialog').waitFor({ state: 'detached' });
    expect(network.incompletePaymentOf('carol')?.identifier).toBe(paymentId);
    await tab.close();
  });
});
