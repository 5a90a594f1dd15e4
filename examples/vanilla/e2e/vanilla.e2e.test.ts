/**
 * The vanilla example (@pi-kit/core on a plain Vite page, server-adapters on node:http)
 * in real Chromium against the simulated Pi network; the user acts in the
 * simulator's wallet dialog.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium } from '../../../scripts/e2e/chromium';
import { type RunningVanilla, startVanilla } from '../server/start';

let demo: RunningVanilla;
let browser: Browser;

beforeAll(async () => {
  demo = await startVanilla({ env: {} });
  browser = await launchChromium();
  // The first navigation pays for Vite's first transforms and Chromium's first renderer: not inside a test's time.
  const warmUp = await browser.newPage();
  await warmUp.goto(demo.url);
  await warmUp.close();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** A page signed in as `username` (the simulator's `/pi-sdk.js?user=`). */
async function signedInPage(username: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  const sdkUrl = `${demo.simulatorUrl}/pi-sdk.js`;
  await page.route(sdkUrl, (route) => route.continue({ url: `${sdkUrl}?user=${username}` }));
  await page.goto(demo.url);
  await page.getByTestId('signin-button').click();
  await expect.poll(() => page.getByTestId('user-name').textContent(), { timeout: 15_000 }).toContain(username);
  return page;
}

const phase = (page: Page) => page.getByTestId('payment-phase').textContent();
const phaseLog = (page: Page) => page.getByTestId('phase-log').locator('li').allTextContents();

describe('vanilla example in Chromium', () => {
  it('takes a payment through approval, signing and completion, showing each phase live', async () => {
    const network = demo.network!;
    const appBalanceBefore = network.balanceOf(network.app.walletAddress);
    const page = await signedInPage('pioneer');
    await page.getByTestId('buy-ebook').click();

    await page.getByTestId('pi-wallet-dialog').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('pi-wallet-amount').textContent()).toContain('2.5');
    await expect.poll(() => phase(page), { timeout: 20_000 }).toBe('signing');
    await page.getByTestId('pi-wallet-approve').click();

    await expect.poll(() => phase(page), { timeout: 20_000 }).toBe('completed');
    // The handle's phase events, in order, as the page logged them.
    expect(await phaseLog(page)).toEqual(['creating', 'approving', 'signing', 'completing', 'completed']);
    await page.screenshot({ path: artifactPath('vanilla-payment-completed.png'), fullPage: true });

    const paymentId = (await page.getByTestId('payment-id').textContent()) ?? '';
    expect(await page.getByTestId('payment-txid').textContent()).toBe(network.getPayment(paymentId)?.transaction?.txid);
    expect(network.getPayment(paymentId)?.status).toMatchObject({
      developer_approved: true,
      transaction_verified: true,
      developer_completed: true,
      cancelled: false,
    });
    expect(demo.server.delivered.has(paymentId)).toBe(true);
    expect(network.balanceOf(network.app.walletAddress)).toBeCloseTo(appBalanceBefore + 2.5, 7);
    await page.close();
  });

  it('ends cancelled, with nothing delivered, when the user rejects the payment', async () => {
    const page = await signedInPage('pioneer');
    await page.getByTestId('buy-coffee').click();
    await page.getByTestId('pi-wallet-dialog').waitFor({ state: 'visible' });
    await expect.poll(() => phase(page), { timeout: 20_000 }).toBe('signing');
    await page.getByTestId('pi-wallet-reject').click();

    await expect.poll(() => phase(page), { timeout: 20_000 }).toBe('cancelled');
    expect(await page.getByTestId('payment-error').textContent()).not.toBe('');
    const paymentId = (await page.getByTestId('payment-id').textContent()) ?? '';
    expect(demo.network!.getPayment(paymentId)?.status).toMatchObject({ user_cancelled: true, developer_completed: false });
    expect(demo.server.delivered.has(paymentId)).toBe(false);
    await page.close();
  });

  it('recovers an incomplete payment at sign-in and shows it resolved', async () => {
    const network = demo.network!;
    // satoshi paid earlier (the transaction is on the ledger) but the app never completed it.
    const earlier = network.createPayment('satoshi', { amount: 1, memo: 'A coffee for the developer', metadata: { productId: 'coffee' } });
    const approved = await network.platformApi(
      new Request(`${demo.simulatorUrl}/v2/payments/${earlier.identifier}/approve`, {
        method: 'POST',
        headers: { Authorization: `Key ${network.app.apiKey}` },
      }),
    );
    expect(approved.status).toBe(200);
    network.submitTransaction(earlier.identifier);
    expect(network.incompletePaymentOf('satoshi')?.identifier).toBe(earlier.identifier);

    const page = await signedInPage('satoshi');
    const recovery = page.getByTestId('recovery');
    await expect.poll(() => recovery.getAttribute('data-status'), { timeout: 20_000 }).toBe('resolved');
    expect(await recovery.getAttribute('data-outcome')).toBe('completed');
    expect(await recovery.textContent()).toContain('earlier payment of 1 π was completed');
    expect(network.getPayment(earlier.identifier)?.status.developer_completed).toBe(true);
    expect(demo.server.delivered.has(earlier.identifier)).toBe(true);
    // Once resolved, satoshi can pay again.
    await expect.poll(() => page.getByTestId('buy-coffee').isEnabled()).toBe(true);
    await page.close();
  });
});
