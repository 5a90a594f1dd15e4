/**
 * The simulator's console (`pi-sim`'s `/console`) in real Chromium, driven while the shop pays:
 * each payment's timeline in order, a failed `/complete` that the shop's server retries, a
 * browser crash after signing that the next sign-in recovers, and a restart of the demo with its
 * kept state (`--state`) that keeps every payment. Screenshots in `test-results/`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium } from '../../../scripts/e2e/chromium';
import { type RunningDemo, startDemo } from '../server/start';

let demo: RunningDemo;
let browser: Browser;
let shop: Page;
let console_: Page;
/** The demo's kept state (the simulated network and the shop's orders), as `pnpm demo` keeps it. */
let dataDir: string;
const paid: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pi-kit-console-e2e-'));
  demo = await startDemo({ env: {}, dataDir: { simulator: dataDir }, logger: false });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  shop = await context.newPage();
  shop.on('pageerror', (error) => console.error('[shop page error]', error));
  await shop.goto(demo.url);
  console_ = await context.newPage();
  console_.on('pageerror', (error) => console.error('[console page error]', error));
  await console_.goto(`${demo.simulatorUrl}/console`);
  // The first request of a source checkout builds the console (Vite) before it answers.
  await console_.locator('[data-testid="connection"]:text-is("live")').waitFor({ timeout: 60_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function signIn(): Promise<void> {
  const button = shop.getByTestId('signin-button');
  if (await button.isVisible()) await button.click();
  await expect.poll(() => shop.getByTestId('user-name').textContent()).toContain('pioneer');
}

/** Buys a product and signs it in the wallet dialog; resolves with the payment's id. */
async function buyAndSign(productId: string): Promise<string> {
  await shop.getByTestId(`buy-${productId}`).click();
  await shop.getByTestId('pi-wallet-dialog').waitFor({ state: 'visible' });
  await expect.poll(() => shop.getByTestId('payment-phase').textContent()).toBe('signing');
  const paymentId = (await shop.getByTestId('payment-id').textContent()) ?? '';
  await shop.getByTestId('pi-wallet-approve').click();
  return paymentId;
}

async function orderStatus(paymentId: string): Promise<string | null> {
  return shop
    .locator(`[data-testid="order"][data-payment-id="${paymentId}"]`)
    .getAttribute('data-status', { timeout: 1_000 })
    .catch(() => null);
}

/** Opens the payment in the console and returns its timeline, one `type | text` line per entry. */
async function timeline(paymentId: string): Promise<string[]> {
  await console_.getByTestId('tab-payments').click();
  await console_.locator(`[data-testid="payment-row"][data-payment-id="${paymentId}"] button`).click();
  await console_.locator(`[data-testid="payment-detail"][data-payment-id="${paymentId}"]`).waitFor();
  return console_
    .getByTestId('timeline-entry')
    .evaluateAll((entries) =>
      entries.map((entry) => `${entry.getAttribute('data-type')} | ${entry.querySelector('.text')?.textContent ?? ''}`),
    );
}

/** The payment's timeline once it shows the completion (the console follows the log live). */
async function completedTimeline(paymentId: string): Promise<string[]> {
  await expect
    .poll(async () => (await timeline(paymentId)).some((line) => line.startsWith('payment.completed')), { timeout: 10_000 })
    .toBe(true);
  return timeline(paymentId);
}

/** The index of each expected step in `lines`, in order: fails when one is missing or out of order. */
function expectInOrder(lines: string[], steps: RegExp[]): void {
  let from = 0;
  for (const step of steps) {
    const at = lines.findIndex((line, i) => i >= from && step.test(line));
    expect(at, `${step} after line ${from} in:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

describe('the pi-sim console while the shop pays', () => {
  it("shows a payment's timeline: each step of Pi's flow, in order", async () => {
    await signIn();
    const paymentId = await buyAndSign('kitten');
    await expect.poll(() => orderStatus(paymentId), { timeout: 20_000 }).toBe('paid');
    paid.push(paymentId);

    const lines = await completedTimeline(paymentId);
    expectInOrder(lines, [
      /^payment\.created \| Pi created the payment/,
      /^sdk\.callback \| SDK called onReadyForServerApproval/,
      // The app server checks the payment, then approves it: Pi records the approval, then answers.
      /^api\.call \| GET \/v2\/payments\/\S+ → 200/,
      /^payment\.approved/,
      /^api\.call \| POST \/v2\/payments\/\S+\/approve → 200/,
      /^sdk\.wallet_decision \| The user chose to approve/,
      /^ledger\.transaction \| Ledger \d+: transaction \w+… applied, memo /,
      /^payment\.transaction/,
      /^sdk\.callback \| SDK called onReadyForServerCompletion/,
      /^payment\.completed/,
      /^api\.call \| POST \/v2\/payments\/\S+\/complete → 200/,
    ]);
    const detail = console_.getByTestId('payment-detail');
    expect(await detail.getByTestId('detail-state').textContent()).toBe('completed');
    expect(await detail.getByTestId('flag-developer_completed').getAttribute('data-value')).toBe('true');
    await console_.screenshot({ path: artifactPath('console-payment-timeline.png') });

    // The ledger and the event log show the same transaction; the log is searchable.
    await console_.getByTestId('tab-payments').focus();
    await console_.keyboard.press('ArrowRight');
    expect(await console_.getByTestId('tab-ledger').getAttribute('aria-selected')).toBe('true');
    expect(await console_.getByTestId('ledger-row').count()).toBeGreaterThanOrEqual(1);
    await console_.keyboard.press('ArrowRight');
    await console_.getByTestId('event-search').fill(paymentId);
    const types = await console_.getByTestId('event-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')));
    expect(types).toContain('payment.completed');
    expect(new Set(types).size).toBeGreaterThan(4);
    await console_.screenshot({ path: artifactPath('console-events.png') });
  });

  it('fails the next /complete on demand: the shop’s server retries, the payment completes, both show it', async () => {
    await signIn();
    await console_.getByTestId('fail-target').selectOption('complete');
    await console_.getByTestId('fail-mode').selectOption('error');
    await console_.getByTestId('fail-times').fill('1');
    await console_.getByTestId('fail-submit').click();
    await expect.poll(() => console_.getByTestId('active-failures').textContent()).toContain('0 of 1 used');

    const paymentId = await buyAndSign('kitten');
    await expect.poll(() => orderStatus(paymentId), { timeout: 30_000 }).toBe('paid');
    paid.push(paymentId);
    await expect.poll(() => shop.getByTestId('payment-phase').textContent()).toBe('completed');

    const lines = await completedTimeline(paymentId);
    expectInOrder(lines, [
      /^api\.call \| POST \/v2\/payments\/\S+\/complete → 500 \w+ \(injected failure\)/,
      /^payment\.completed/,
      /^api\.call \| POST \/v2\/payments\/\S+\/complete → 200/,
    ]);
    await expect.poll(() => console_.getByTestId('active-failures').count()).toBe(0);
    await console_.getByTestId('timeline-entry').last().scrollIntoViewIfNeeded();
    await console_.screenshot({ path: artifactPath('console-failed-complete-retried.png') });
    await shop.screenshot({ path: artifactPath('console-failed-complete-shop.png'), fullPage: true });
  });

  it('leaves the next signed payment incomplete (the browser crashes), and the next sign-in recovers it', async () => {
    await signIn();
    await console_.getByTestId('leave-incomplete').click();
    await expect.poll(() => console_.getByTestId('crash-pending').textContent()).toContain('1 crash');

    const paymentId = await buyAndSign('kitten');
    // The crash notice, then the reload (no screenshot here: the page goes away under it).
    expect(await shop.getByTestId('pi-sim-crash').textContent({ timeout: 10_000 })).toContain(`payment ${paymentId} was signed`);
    // The page reloads: the app lost everything it held. The payment is signed, not completed.
    await shop.getByTestId('signin-button').waitFor({ state: 'visible', timeout: 15_000 });
    expect(demo.network?.getPayment(paymentId)?.status).toMatchObject({ transaction_verified: true, developer_completed: false });

    await signIn();
    await expect.poll(() => shop.getByTestId('recovery-banner').getAttribute('data-status'), { timeout: 20_000 }).toBe('resolved');
    await expect.poll(() => orderStatus(paymentId), { timeout: 10_000 }).toBe('paid');
    paid.push(paymentId);

    const lines = await completedTimeline(paymentId);
    expectInOrder(lines, [
      /^payment\.transaction/,
      /^sdk\.simulated_crash \| The browser crashed right after signing/,
      /^sdk\.callback \| SDK called onIncompletePaymentFound\(payment /,
      /^payment\.completed/,
      /^api\.call \| POST \/v2\/payments\/\S+\/complete → 200/,
    ]);
    // Nothing told the app of the signed payment before the crash: no onReadyForServerCompletion.
    expect(lines.some((line) => line.includes('onReadyForServerCompletion'))).toBe(false);
    await console_.getByTestId('timeline-entry').last().scrollIntoViewIfNeeded();
    await console_.screenshot({ path: artifactPath('console-incomplete-recovered.png') });
    await shop.screenshot({ path: artifactPath('console-incomplete-recovered-shop.png'), fullPage: true });
  });

  it('keeps every payment across a restart of the demo with its state: the console and the shop still show them', async () => {
    expect(paid).toHaveLength(3);
    const before = demo.network
      ?.payments()
      .map((p) => p.identifier)
      .sort();
    const simulatorPort = Number(new URL(demo.simulatorUrl ?? '').port);
    const shopPort = Number(new URL(demo.url).port);
    await demo.close();
    demo = await startDemo({ env: {}, dataDir: { simulator: dataDir }, logger: false, port: shopPort, simulatorPort });
    expect(demo.kept?.restored).toBe(true);
    expect(
      demo.network
        ?.payments()
        .map((p) => p.identifier)
        .sort(),
    ).toEqual(before);

    // The console reconnects to the restarted simulator by itself.
    await console_.reload();
    await console_.locator('[data-testid="connection"]:text-is("live")').waitFor({ timeout: 60_000 });
    await console_.getByTestId('tab-payments').click();
    await expect
      .poll(() => console_.getByTestId('payment-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-payment-id'))))
      .toEqual(expect.arrayContaining(paid));
    for (const paymentId of paid) {
      const row = console_.locator(`[data-testid="payment-row"][data-payment-id="${paymentId}"]`);
      expect(await row.getAttribute('data-state')).toBe('completed');
    }
    // A timeline from before the restart is whole.
    expectInOrder(await timeline(paid[0] ?? ''), [/^payment\.created/, /^payment\.completed/]);
    await console_.screenshot({ path: artifactPath('console-after-restart.png') });

    await shop.reload();
    await signIn();
    for (const paymentId of paid) await expect.poll(() => orderStatus(paymentId), { timeout: 10_000 }).toBe('paid');
    await shop.screenshot({ path: artifactPath('console-after-restart-shop.png'), fullPage: true });
  });
});
