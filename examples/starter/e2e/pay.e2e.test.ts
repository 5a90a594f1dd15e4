/**
 * The whole app in real Chromium against `pi-sim`: the page served by Vite's dev server (its
 * `/api` proxied to the app's Express server), `window.Pi` from `pi-sim`'s `/pi-sdk.js`, the
 * server calling `pi-sim`'s Platform API and Horizon. The user signs in, buys, and approves in
 * the simulated wallet; the server completes and delivers.
 *
 * Chromium: Debian's `/usr/bin/chromium` (or `CHROMIUM_PATH`), driven by playwright-core.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../server/app';

const root = fileURLToPath(new URL('..', import.meta.url));
let piSim: ChildProcess;
let server: Server;
let vite: ViteDevServer;
let browser: Browser;

/** Starts `pi-sim` (the installed bin) on a free port; resolves its URL and API key from what it prints. */
function startPiSim(): Promise<{ url: string; apiKey: string }> {
  piSim = spawn(fileURLToPath(new URL('../node_modules/.bin/pi-sim', import.meta.url)), ['--port', '0', '--user', 'alice:100'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    piSim.stdout?.setEncoding('utf8');
    piSim.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const apiKey = /API key\s+(\S+)/.exec(output)?.[1];
      if (url && apiKey) resolve({ url, apiKey });
    });
    piSim.once('exit', (code) => reject(new Error(`pi-sim exited with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  const sim = await startPiSim();
  server = createApp({ apiKey: sim.apiKey, network: 'Pi Testnet', platformBaseUrl: sim.url, horizonUrl: `${sim.url}/horizon` }).listen(
    0,
    '127.0.0.1',
  );
  await new Promise((resolve) => server.once('listening', resolve));
  process.env.SERVER_PORT = String((server.address() as AddressInfo).port);
  process.env.VITE_PI_SDK_URL = `${sim.url}/pi-sdk.js?user=alice`;
  vite = await createServer({ root, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  await vite.listen();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await vite?.close();
  server?.close();
  piSim?.kill('SIGTERM');
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
