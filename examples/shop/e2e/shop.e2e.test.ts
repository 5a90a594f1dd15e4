/**
 * The whole U2A payment flow in real Chromium: the shop (React + @pi-kit/react)
 * and its server (@pi-kit/server-adapters) against the simulated Pi network,
 * with the user acting in the simulator's wallet dialog; and the admin page that
 * refunds a paid order as an A2U payment.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium } from '../../../scripts/e2e/chromium';
import type { PiNetwork } from '@pi-kit/simulator';
import { type RunningDemo, startDemo } from '../server/start';

let demo: RunningDemo;
let network: PiNetwork;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // env: {}: the simulator, whatever PI_API_KEY the machine has.
  demo = await startDemo({ env: {} });
  if (!demo.network) throw new Error('expected the simulator');
  network = demo.network;
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

/** Clicks "Buy" on a product and approves the payment in the simulator's wallet dialog, once the server approved it. */
async function buyAndSign(p: Page, productId: string): Promise<void> {
  await p.getByTestId(`buy-${productId}`).click();
  await p.getByTestId('pi-wallet-dialog').waitFor({ state: 'visible' });
  await expect.poll(() => phase(p)).toBe('signing');
  await p.getByTestId('pi-wallet-approve').click();
}

describe('example shop in Chromium', () => {
  it('takes a payment through approval, signing and completion, and shows the order paid', async () => {
    const appBalanceBefore = network.balanceOf(network.app.walletAddress);
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
    const payment = network.getPayment(paymentId ?? '');
    expect(payment?.status).toMatchObject({
      developer_approved: true,
      transaction_verified: true,
      developer_completed: true,
      cancelled: false,
    });
    expect(network.balanceOf(network.app.walletAddress)).toBeCloseTo(appBalanceBefore + 3.1415, 7);
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
    expect(network.getPayment(paymentId ?? '')?.status).toMatchObject({ user_cancelled: true, developer_completed: false });
    const order = page.locator(`[data-testid="order"][data-payment-id="${paymentId}"]`);
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');
    expect(await paidOrders.count()).toBe(paidBefore);
  });

  it('recovers a paid payment whose completion failed once the user comes back and signs in', async () => {
    // Pi's /complete is down: the user pays, but the shop cannot complete the payment.
    const restorePi = network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', status: 503 });
    await buyAndSign(page, 'rocket');
    await expect.poll(() => phase(page), { timeout: 20_000 }).toBe('completing');
    const paymentId = (await page.getByTestId('payment-id').textContent()) ?? '';
    // The shop's server retried Pi and gave up: the failure reaches the page (pi-kit keeps the
    // payment in `completing` and would retry on the SDK's next call).
    await page.getByTestId('payment-error').waitFor({ state: 'visible', timeout: 20_000 });

    // The transaction is on the ledger but Pi never confirmed completion: nothing is delivered.
    const stuck = network.getPayment(paymentId);
    expect(stuck?.transaction?.txid).toBeTruthy();
    expect(stuck?.status.developer_completed).toBe(false);
    const pendingOrder = page.locator(`[data-testid="order"][data-payment-id="${paymentId}"]`);
    await expect.poll(() => pendingOrder.getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');

    // The user closes the app (so no SDK retry can complete it), Pi recovers, the user comes
    // back and signs in: Pi reports the incomplete payment, pi-kit sends it to the shop, which
    // verifies it on the blockchain, completes it with Pi and delivers.
    await page.close();
    restorePi();
    expect(network.getPayment(paymentId)?.status.developer_completed).toBe(false);
    page = await browser.newPage();
    await page.goto(demo.url);
    await page.getByTestId('signin-button').click();
    const banner = page.getByTestId('recovery-banner');
    await expect.poll(() => banner.getAttribute('data-status'), { timeout: 20_000 }).toBe('resolved');
    const order = page.locator(`[data-testid="order"][data-payment-id="${paymentId}"]`);
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 10_000 }).toBe('paid');
    await page.screenshot({ path: artifactPath('shop-incomplete-payment-recovered.png'), fullPage: true });
    expect(network.getPayment(paymentId)?.status.developer_completed).toBe(true);
  });

  it('refunds a paid order from the admin page: the buyer gets the amount back, the order reads refunded, a second refund is refused', async () => {
    const pioneer = network.user('pioneer');
    const before = network.balanceOf(pioneer.walletAddress);
    await buyAndSign(page, 'kitten');
    await expect.poll(() => phase(page), { timeout: 20_000 }).toBe('completed');
    const paymentId = (await page.getByTestId('payment-id').textContent()) ?? '';
    const purchaseTxid = network.getPayment(paymentId)?.transaction?.txid ?? '';
    // The simulator charges each transaction's fee (Horizon's fee_charged, in stroops) to its sender.
    const purchaseFee = Number((await (await fetch(`${demo.simulatorUrl}/horizon/transactions/${purchaseTxid}`)).json()).fee_charged) / 1e7;
    expect(purchaseFee).toBeGreaterThan(0);
    expect(network.balanceOf(pioneer.walletAddress)).toBeCloseTo(before - 3.1415 - purchaseFee, 7);

    // Two admin tabs, both clicking "Refund" on the same order.
    const openAdmin = async () => {
      const admin = await browser.newPage();
      await admin.goto(`${demo.url}/admin`);
      await admin.getByTestId('admin-token').fill(demo.adminToken ?? '');
      await admin.getByTestId('admin-signin').click();
      const row = admin.locator(`[data-testid="admin-order"][data-payment-id="${paymentId}"]`);
      await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('paid');
      return { admin, row };
    };
    const first = await openAdmin();
    const second = await openAdmin();
    await Promise.all([first.row.getByTestId('refund-button').click(), second.row.getByTestId('refund-button').click()]);

    await expect.poll(() => first.row.getAttribute('data-status'), { timeout: 20_000 }).toBe('refunded');
    await expect.poll(() => second.row.getAttribute('data-status'), { timeout: 20_000 }).toBe('refunded');
    const refundId = (await first.row.getByTestId('refund-payment-id').textContent()) ?? '';
    const refundTxid = (await first.row.getByTestId('refund-txid').textContent()) ?? '';
    // The tab that lost the race was told so.
    const refused = [await first.admin.getByTestId('refund-error').count(), await second.admin.getByTestId('refund-error').count()];
    expect([...refused].sort()).toEqual([0, 1]);
    const loser = refused[0] === 1 ? first.admin : second.admin;
    expect(await loser.getByTestId('refund-error').textContent()).toMatch(/refund_in_progress|already_refunded/);
    await first.admin.screenshot({ path: artifactPath('shop-admin-refunded.png'), fullPage: true });

    // Pi's side: exactly one A2U payment of the price to pioneer, submitted with that txid and completed.
    const refunds = network.payments().filter((p) => p.direction === 'app_to_user' && p.metadata.refundOf === paymentId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      identifier: refundId,
      amount: 3.1415,
      to_address: pioneer.walletAddress,
      transaction: { txid: refundTxid },
      status: { developer_completed: true },
    });
    // The buyer has the price back: short only the fee of the purchase (the app paid the refund's fee).
    expect(network.balanceOf(pioneer.walletAddress)).toBeCloseTo(before - purchaseFee, 7);

    // A third refund, straight at the API with the admin token, is refused; nothing is paid.
    const again = await first.admin.evaluate(
      async ([id, token]) => {
        const response = await fetch(`/api/admin/orders/${id}/refund`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        return { status: response.status, body: await response.json() };
      },
      [paymentId, demo.adminToken ?? ''],
    );
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_refunded' } } });
    expect(network.balanceOf(pioneer.walletAddress)).toBeCloseTo(before - purchaseFee, 7);
    // The buyer's own order list shows it refunded.
    const order = page.locator(`[data-testid="order"][data-payment-id="${paymentId}"]`);
    await page.reload();
    await page.getByTestId('signin-button').click();
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 10_000 }).toBe('refunded');
    await first.admin.close();
    await second.admin.close();
  });

  it('refuses the admin API without the admin token', async () => {
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/admin/orders', { headers: { authorization: 'Bearer guessed-token' } });
      return { status: response.status, body: await response.json() };
    });
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'invalid_admin_token' } } });
  });
});
