/**
 * pi-kit's error messages in real Chromium, in the two builds an app has: Vite's dev server (the
 * `development` export condition: messages that say what went wrong and what to do) and a
 * `vite build` served by `vite preview` (the `production` condition: the short message with the
 * code). In both, a failure of the app server carries the server's status, code and message and
 * the Pi status behind it.
 */
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium, type PiSim, startAppServer, startPiSim } from './support';

type Mode = 'vite dev' | 'vite build';
const root = fileURLToPath(new URL('..', import.meta.url));
const shot = (name: string) => fileURLToPath(new URL(`../test-results/${name}.png`, import.meta.url));
let sim: PiSim;
let browser: Browser;
const closers: Array<() => unknown> = [];

beforeAll(async () => {
  sim = await startPiSim();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await browser?.close();
  sim?.stop();
});

/** Serves the page in `mode` with `sdkUrl` as its Pi SDK and `/api` proxied to `serverPort`; resolves its URL. */
async function servePage(mode: Mode, sdkUrl: string, serverPort: number): Promise<string> {
  // Read by vite.config.ts (the proxy) and by the page (import.meta.env), when the server starts or the build runs.
  process.env.SERVER_PORT = String(serverPort);
  process.env.VITE_PI_SDK_URL = sdkUrl;
  if (mode === 'vite dev') {
    const vite = await createServer({ root, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
    await vite.listen();
    closers.push(() => vite.close());
    return vite.resolvedUrls?.local[0] ?? '';
  }
  const outDir = mkdtempSync(join(tmpdir(), 'starter-build-'));
  // As `vite build` does on the command line (vitest sets NODE_ENV=test): a production build.
  vi.stubEnv('NODE_ENV', 'production');
  try {
    await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    vi.unstubAllEnvs();
  }
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  closers.push(
    () => new Promise((resolve) => server.httpServer.close(resolve)),
    () => rmSync(outDir, { recursive: true, force: true }),
  );
  return server.resolvedUrls?.local[0] ?? '';
}

/** The page's console warnings: their text and the `message` of the error passed with them. */
function warningsOf(page: Page): Array<{ text: string; error: string }> {
  const warnings: Array<{ text: string; error: string }> = [];
  page.on('console', async (message) => {
    if (message.type() !== 'warning') return;
    const [text, error] = message.args();
    warnings.push({
      text: String(await text?.jsonValue()),
      error: String(await error?.evaluate((value) => (value instanceof Error ? value.message : String(value)))),
    });
  });
  return warnings;
}

describe.each<Mode>(['vite dev', 'vite build'])('%s', (mode) => {
  const development = mode === 'vite dev';
  let app: { server: Server; port: number };

  beforeAll(async () => {
    // An app server holding the wrong Pi API key: Pi (pi-sim) answers it 401.
    app = await startAppServer(sim, 'not-the-api-key');
    closers.push(() => app.server.close());
  });

  it(
    development ? 'the Pi SDK cannot load: says what failed and what to do' : 'the Pi SDK cannot load: the short message with the code',
    async () => {
      const page = await browser.newPage();
      await page.goto(await servePage(mode, `${sim.url}/no-such-sdk.js`, app.port));
      await page.getByRole('button', { name: 'Sign in with Pi' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = await alert.textContent();
      if (development) {
        expect(text).toMatch(
          /^The Pi SDK script http:\/\/127\.0\.0\.1:\d+\/no-such-sdk\.js failed to load\. Check the network and the URL/,
        );
      } else {
        expect(text).toBe('pi-kit error sdk_load_failed; see "Errors" in the @pi-kit/core README');
      }
      await page.screenshot({ path: shot(`starter-sdk-load-failed-${development ? 'dev' : 'build'}`) });
      await page.close();
    },
  );

  it("the app server's approval fails: the error carries the server's status, code and message and Pi's status", async () => {
    const page = await browser.newPage();
    const warnings = warningsOf(page);
    await page.goto(await servePage(mode, `${sim.url}/pi-sdk.js?user=alice`, app.port));
    await page.getByRole('button', { name: 'Sign in with Pi' }).click();
    await page.getByText('Signed in as alice').waitFor();
    await page.getByRole('button', { name: 'Buy for 3.14 π' }).click();
    await expect.poll(() => warnings.find((w) => w.error.includes('pi_unauthorized')), { timeout: 15_000 }).toBeDefined();
    const warning = warnings.find((w) => w.error.includes('pi_unauthorized'))!;
    const [first, details] = warning.error.split('\n\nDetails: ');
    expect(details).toMatch(
      /^The app server answered 502 pi_unauthorized: Pi's API refused .*\(Pi answered 401 [a-z_]+\).*Check the app server's Pi API key\.$/,
    );
    if (development) {
      expect(warning.text).toMatch(/^\[pi-kit\] Server-Side Approval of payment \S+ failed; retrying when the Pi SDK calls again\.$/);
      expect(first).toBe('The app server answered 502 to /api/pi/approve.');
    } else {
      expect(warning.text).toMatch(/^\[pi-kit\] approve \S+$/);
      expect(first).toBe('pi-kit error server_request_failed; see "Errors" in the @pi-kit/core README');
    }
    await page.screenshot({ path: shot(`starter-approval-failed-${development ? 'dev' : 'build'}`) });
    await page.close();
  });
});
