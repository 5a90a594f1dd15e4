/**
 * The whole U2A payment flow in real Chromium: the shop (React + @pi-kit/react)
 * and its server (@pi-kit/server-adapters) against the simulated Pi network,
 * with the user acting in the simulator's wallet dialog.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium } from '../../../scripts/e2e/chromium';
import { type RunningDemo, startDemo } from '../server/start';

let demo: RunningDemo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

beforeEach(async () => {
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  await page.goto(demo.url);
  await page.getByTestId('signin-button').click();
  await expect.poll(() => page.getByTestId('user-name').textContent()).toContain('pioneer');
});

async function phase(p: Page): Promise<string | null> {
  return p.getByTestId('payment-phase').textContent();
}

describe('example shop in Chromium', () => {
  it('takes a payment through approval, signing and completion, and shows the order paid', async () => {
    const appBalanceBefore = demo.network.balanceOf(demo.network.app.walletAddress);
    await page.getByTestId('buy-kitten').click();

    const dialog = page.getByTestId('pi-wallet-dialog');
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('pi-wallet-amount').textContent()).toContain('3.1415');
    // Phase II: the server approved the payment, the user reviews and signs.
    await expect.poll(() => phase(page)).toBe('signing');
    await page.getByTestId('pi-wallet-approve').click();

    await expect.poll(() => phase(page), { timeout: 20_000 }).toBe('completed');
    const paymentId = await page.getByTestId('payment-id').textContent();
    const order = page.locator(`[data-testid="order"][data-payment-id="${paymentId}"]`);
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 10_000 }).toBe('paid');
    await page.screenshot({ path: artifactPath('shop-payment-completed.png'), fullPage: true });

    // Pi's side agrees: approved, verified, completed; the app wallet received the price on the ledger.
    const payment = demo.network.getPayment(paymentId ?? '');
    expect(payment?.status).toMatchObject({ developer_approved: true, transaction_verified: true, developer_completed: true, cancelled: false });
    expect(demo.network.balanceOf(demo.network.app.walletAddress)).toBeCloseTo(appBalanceBefore + 3.1415, 7);
  });

  it('ends cancelled with no paid order when the user rejects the payment', async () => {
    const paidOrders = page.locator('[data-testid="order"][data-status="paid"]');
    await page.locator('[data-testid="order-list"][data-loaded="true"]').waitFor();
    const paidBefore = await paidOrders.count();
    await page.getByTestId('buy-coffee').click();
    await page.getByTestId('pi-wallet-dialog').waitFor({ state: 'visible' });
    await expect.poll(() => phase(page)).toBe('signing');
    await page.getByTestId('pi-wallet-reject').click();

    await expect.poll(() => phase(page), { timeout: 20_000 }).toBe('cancelled');
    const paymentId = await page.getByTestId('payment-id').textContent();
    expect(demo.network.getPayment(paymentId ?? '')?.status).toMatchObject({ user_cancelled: true, developer_completed: false });
    const order = page.locator(`[data-testid="order"][data-payment-id="${paymentId}"]`);
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');
    expect(await paidOrders.count()).toBe(paidBefore);
  });

  it('recovers a paid payment whose completion failed once the user comes back and signs in', async () => {
    // Pi's /complete is down: the user pays, but the shop cannot complete the payment.
    const restorePi = demo.network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', status: 503 });
    await page.getByTestId('buy-rocket').click();
    await page.getByTestId('pi-wallet-dialog').waitFor({ state: 'visible' });
    await expect.poll(() => phase(page)).toBe('signing');
    await page.getByTestId('pi-wallet-approve').click();
    await expect.poll(() => phase(page), { timeout: 20_000 }).toBe('completing');
    const paymentId = (await page.getByTestId('payment-id').textContent()) ?? '';
    // The shop's server retried Pi and gave up: the failure reaches the page (pi-kit keeps the
    // payment in `completing` and would retry on the SDK's next call).
    await page.getByTestId('payment-error').waitFor({ state: 'visible', timeout: 20_000 });

    // The transaction is on the ledger but Pi never confirmed completion: nothing is delivered.
    const stuck = demo.network.getPayment(paymentId);
    expect(stuck?.transaction?.txid).toBeTruthy();
    expect(stuck?.status.developer_completed).toBe(false);
    const pendingOrder = page.locator(`[data-testid="order"][data-payment-id="${paymentId}"]`);
    await expect.poll(() => pendingOrder.getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');

    // The user closes the app (so no SDK retry can complete it), Pi recovers, the user comes
    // back and signs in: Pi reports the incomplete payment, pi-kit sends it to the shop, which
    // verifies it on the blockchain, completes it with Pi and delivers.
    await page.close();
    restorePi();
    expect(demo.network.getPayment(paymentId)?.status.developer_completed).toBe(false);
    page = await browser.newPage();
    await page.goto(demo.url);
    await page.getByTestId('signin-button').click();
    const banner = page.getByTestId('recovery-banner');
    await expect.poll(() => banner.getAttribute('data-status'), { timeout: 20_000 }).toBe('resolved');
    const order = page.locator(`[data-testid="order"][data-payment-id="${paymentId}"]`);
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 10_000 }).toBe('paid');
    await page.screenshot({ path: artifactPath('shop-incomplete-payment-recovered.png'), fullPage: true });
    expect(demo.network.getPayment(paymentId)?.status.developer_completed).toBe(true);
  });
});
