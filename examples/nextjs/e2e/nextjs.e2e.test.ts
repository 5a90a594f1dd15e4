/**
 * The Next.js example in real Chromium: a production build (`next build`, then
 * `next start`), server-side rendered, with the payment routes as Route Handlers
 * from @pi-kit/server-adapters and the UI from @pi-kit/react, against the
 * simulated Pi network (the user acts in the simulator's wallet dialog).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium } from '../../../scripts/e2e/chromium';
import { ensureNextBuild } from '../server/next-process';
import { type RunningNextDemo, startNextDemo } from '../server/start';

let demo: RunningNextDemo;
let browser: Browser;

beforeAll(async () => {
  await ensureNextBuild();
  demo = await startNextDemo({ env: {} });
  browser = await launchChromium();
  // The first navigation pays for Chromium's first renderer and Next's first render: not inside a test's time.
  const warmUp = await browser.newPage();
  await warmUp.goto(demo.url);
  await warmUp.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function signedInPage(): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  await page.goto(demo.url);
  await page.getByTestId('signin-button').click();
  await expect.poll(() => page.getByTestId('user-name').textContent(), { timeout: 15_000 }).toContain('pioneer');
  return page;
}

describe('Next.js example in Chromium', () => {
  it('renders the page on the server: the initial HTML has the product and the checkout', async () => {
    const response = await fetch(demo.url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-testid="page-title"');
    expect(html).toMatch(/data-testid="product" data-product-id="sticker-pack">Pi sticker pack/);
    // The client components rendered their initial state on the server too.
    expect(html).toMatch(/data-testid="signin-button"[^>]*>Sign in with Pi</);
    expect(html).toMatch(/data-testid="payment-phase">idle</);
    expect(html).toContain(`${demo.simulatorUrl}/pi-sdk.js`);
    expect(html).not.toContain(demo.network?.app.apiKey);
  });

  it('takes a payment through approval, signing and completion', async () => {
    const network = demo.network!;
    const appBalanceBefore = network.balanceOf(network.app.walletAddress);
    const page = await signedInPage();
    await page.getByTestId('buy-button').click();
    await page.getByTestId('pi-wallet-dialog').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('pi-wallet-amount').textContent()).toContain('1.5');
    await expect.poll(() => page.getByTestId('payment-phase').textContent(), { timeout: 20_000 }).toBe('signing');
    await page.getByTestId('pi-wallet-approve').click();

    await expect.poll(() => page.getByTestId('payment-phase').textContent(), { timeout: 20_000 }).toBe('completed');
    await page.screenshot({ path: artifactPath('nextjs-payment-completed.png'), fullPage: true });
    const paymentId = (await page.getByTestId('payment-id').textContent()) ?? '';
    expect(network.getPayment(paymentId)?.status).toMatchObject({
      developer_approved: true,
      transaction_verified: true,
      developer_completed: true,
      cancelled: false,
    });
    expect(network.balanceOf(network.app.walletAddress)).toBeCloseTo(appBalanceBefore + 1.5, 7);
    await page.close();
  });

  it('ends cancelled when the user rejects the payment', async () => {
    const page = await signedInPage();
    await page.getByTestId('buy-button').click();
    await page.getByTestId('pi-wallet-dialog').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('payment-phase').textContent(), { timeout: 20_000 }).toBe('signing');
    await page.getByTestId('pi-wallet-reject').click();

    await expect.poll(() => page.getByTestId('payment-phase').textContent(), { timeout: 20_000 }).toBe('cancelled');
    const paymentId = (await page.getByTestId('payment-id').textContent()) ?? '';
    expect(demo.network!.getPayment(paymentId)?.status).toMatchObject({ user_cancelled: true, developer_completed: false });
    await page.close();
  });
});
