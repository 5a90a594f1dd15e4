/**
 * The whole app in real Chromium against `pi-sim`: the page served by Vite's dev server (its
 * `/api` proxied to the app's Express server), `window.Pi` from `pi-sim`'s `/pi-sdk.js`, the
 * server calling `pi-sim`'s Platform API and Horizon. The user signs in, buys, and approves in
 * the simulated wallet; the server completes and delivers.
 */
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, type PiSim, startAppServer, startPiSim } from './support';

const root = fileURLToPath(new URL('..', import.meta.url));
let sim: PiSim;
let server: Server;
let vite: ViteDevServer;
let browser: Browser;

beforeAll(async () => {
  sim = await startPiSim();
  const app = await startAppServer(sim);
  server = app.server;
  process.env.SERVER_PORT = String(app.port);
  process.env.VITE_PI_SDK_URL = `${sim.url}/pi-sdk.js?user=alice`;
  vite = await createServer({ root, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  await vite.listen();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await vite?.close();
  server?.close();
  sim?.stop();
});

it('signs in, buys, approves in the wallet: completed and delivered', async () => {
  const page = await browser.newPage();
  await page.goto(vite.resolvedUrls?.local[0] ?? '');
  await page.getByRole('button', { name: 'Sign in with Pi' }).click();
  await page.getByText('Signed in as alice').waitFor();
  await page.getByRole('button', { name: 'Buy for 3.14 π' }).click();
  await page.getByRole('button', { name: 'Approve & sign' }).click();
  await page.getByText('Thank you! Your purchase is delivered.').waitFor({ timeout: 30_000 });
  expect(await page.getByLabel('payment phase').textContent()).toBe('completed');

  const deliveries = (await (await fetch(`http://127.0.0.1:${process.env.SERVER_PORT}/api/deliveries`)).json()) as unknown[];
  expect(deliveries).toEqual([{ paymentId: expect.any(String), productId: 'kitten' }]);
  await page.screenshot({ path: fileURLToPath(new URL('../test-results/starter-paid.png', import.meta.url)) });
});

/** Sets off a `pi-sim` scenario (`POST /__sim/scenarios/{name}`, the simulator README, "The console"). */
async function scenario(name: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${sim.url}/__sim/scenarios/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function deliveries(): Promise<unknown[]> {
  return (await (await fetch(`http://127.0.0.1:${process.env.SERVER_PORT}/api/deliveries`)).json()) as unknown[];
}

it('Pi answers 500 to the next /complete: the server retries, the purchase is delivered once', async () => {
  const before = (await deliveries()).length;
  await scenario('fail', { target: 'complete', mode: 'error', times: 1 });
  const page = await browser.newPage();
  await page.goto(vite.resolvedUrls?.local[0] ?? '');
  await page.getByRole('button', { name: 'Sign in with Pi' }).click();
  await page.getByRole('button', { name: 'Buy for 3.14 π' }).click();
  await page.getByRole('button', { name: 'Approve & sign' }).click();
  await page.getByText('Thank you! Your purchase is delivered.').waitFor({ timeout: 30_000 });
  expect(await deliveries()).toHaveLength(before + 1);
});

it('the browser crashes right after signing: the next sign-in finishes the payment', async () => {
  const before = (await deliveries()).length;
  await scenario('leave-incomplete', { times: 1 });
  const page = await browser.newPage();
  await page.goto(vite.resolvedUrls?.local[0] ?? '');
  await page.getByRole('button', { name: 'Sign in with Pi' }).click();
  await page.getByRole('button', { name: 'Buy for 3.14 π' }).click();
  await page.getByRole('button', { name: 'Approve & sign' }).click();
  // pi-sim reloads the page: the app lost the payment it was paying. Signing in finds it.
  await page.getByRole('button', { name: 'Sign in with Pi' }).click({ timeout: 15_000 });
  await expect.poll(async () => (await deliveries()).length, { timeout: 30_000 }).toBe(before + 1);
});
