// Release check of the four published packages, as their users get them:
//  1. build each package (tsup → dist/, with type declarations);
//  2. publint --strict and are-the-types-wrong on each packed tarball;
//  3. install the four tarballs into an empty project with npm, then run a whole
//     U2A payment on the built files: ESM (core client + simulator + server-adapters
//     handlers), the same in vitest's jsdom and happy-dom environments, and CommonJS
//     (server-adapters and its Express adapter through require);
//  4. start the installed `pi-sim` bin and load its `/pi-sdk.js` and its prebuilt `/console`.
// Prints one line per check and exits non-zero on the first failure.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// In dependency order: a package's declaration build reads the published types (dist) of the
// packages it imports (react's testing entry imports the simulator's).
const packages = [
  { name: 'core', attw: 'node16' },
  { name: 'server-adapters', attw: 'node16' },
  { name: 'simulator', attw: 'esm-only' },
  { name: 'react', attw: 'esm-only' },
];
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
const step = (label, fn) => {
  const started = Date.now();
  try {
    fn();
    console.log(`ok   ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.log(`FAIL ${label}\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
    process.exit(1);
  }
};

const stepAsync = async (label, fn) => {
  const started = Date.now();
  try {
    await fn();
    console.log(`ok   ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.log(`FAIL ${label}\n${error.message}`);
    process.exit(1);
  }
};

const packDir = mkdtempSync(join(tmpdir(), 'pikit-pack-'));
for (const { name, attw } of packages) {
  const dir = join(root, 'packages', name);
  step(`@pi-kit/${name}: build`, () => run('pnpm', ['run', 'build'], dir));
  step(`@pi-kit/${name}: publint --strict`, () => {
    const out = run('pnpm', ['exec', 'publint', '--strict'], dir);
    if (!/All good/.test(out)) throw Object.assign(new Error('publint reported problems'), { stdout: out });
  });
  let tarball = '';
  step(`@pi-kit/${name}: pack`, () => {
    tarball = run('pnpm', ['pack', '--pack-destination', packDir], dir).trim().split('\n').pop() ?? '';
  });
  step(`@pi-kit/${name}: attw --profile ${attw}`, () => run('pnpm', ['exec', 'attw', tarball, '--profile', attw], dir));
}

// What pi-kit adds to a Vite production build of an app that signs in and pays, from the builds
// above: within its ceiling, and without core's development-only texts (bench/app-bytes.ts).
step('app bytes: pi-kit in a Vite production build, within its ceiling', () => {
  const out = run('node', ['--import', 'tsx', 'bench/app-bytes.ts'], root);
  console.log(out.trimEnd());
});

// The test tools a user's app has: vitest and jsdom at the versions this repository tests with,
// and happy-dom (vitest's other browser-like environment).
const testTools = [
  ...['vitest', 'jsdom'].map((name) => {
    const { version } = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
    return `${name}@${version}`;
  }),
  'happy-dom@21.0.4',
];
const app = mkdtempSync(join(tmpdir(), 'pikit-consumer-'));
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
const tarballs = readdirSync(packDir).map((file) => join(packDir, file));
step('install the tarballs with npm (plus msw and express, as a user would)', () =>
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, 'msw@2', 'express@5', ...testTools], app),
);

const flow = `import { createFetchTransport, createPiClient } from '@pi-kit/core';
import { createMemoryStore, createPaymentHandlers } from '@pi-kit/server-adapters';
import { createPiNetwork, createSimulatedPi } from '@pi-kit/simulator';
import { createPiNetworkHandlers } from '@pi-kit/simulator/msw';
import { setupServer } from 'msw/node';

export async function payOnce() {
const network = createPiNetwork({ users: [{ username: 'alice', balance: 10 }] });
const msw = setupServer(...createPiNetworkHandlers(network));
msw.listen({ onUnhandledRequest: 'bypass' });
const delivered = [];
const handlers = createPaymentHandlers({
  apiKey: network.app.apiKey, network: network.app.network, store: createMemoryStore(),
  onApprove: () => true, onComplete: (payment) => { delivered.push(payment.identifier); },
});
const Pi = createSimulatedPi(network, { user: 'alice', wallet: 'approve' });
const client = createPiClient({ sandbox: false, sdk: Pi, transport: createFetchTransport({ baseUrl: 'http://app.test', fetch: (input, init) => handlers.fetch(new Request(input, init)) }) });
await client.authenticate(['username', 'payments']);
const payment = await client.createPayment({ amount: 1.5, memo: 'smoke', metadata: { order: 1 } });
Pi.dispose(); msw.close();
if (!payment.status.developer_completed || delivered.length !== 1) throw new Error('payment not completed and delivered once');
return payment.identifier;
}
`;
writeFileSync(join(app, 'flow.mjs'), flow);
writeFileSync(join(app, 'run-flow.mjs'), "import { payOnce } from './flow.mjs';\nconsole.log('ESM flow completed', await payOnce());\n");
writeFileSync(
  join(app, 'flow.test.mjs'),
  `import { expect, test } from 'vitest';
import { payOnce } from './flow.mjs';
test('a whole payment on the built packages in a browser-like environment', async () => {
  expect(typeof document).toBe('object');
  expect(await payOnce()).toMatch(/\\S/);
});
`,
);
step('ESM: a whole payment on the built packages (core + server-adapters + simulator)', () => run('node', ['run-flow.mjs'], app));
for (const environment of ['jsdom', 'happy-dom']) {
  step(`vitest --environment ${environment}: the same payment, no custom conditions`, () =>
    run('npx', ['vitest', 'run', '--environment', environment, 'flow.test.mjs'], app),
  );
}

writeFileSync(
  join(app, 'require.cjs'),
  `const { createPaymentHandlers, createMemoryStore, PiKitError } = require('@pi-kit/server-adapters');
const { toExpressMiddleware } = require('@pi-kit/server-adapters/express');
const { toNodeHandler } = require('@pi-kit/server-adapters/node');
const handlers = createPaymentHandlers({ apiKey: 'k', network: 'Pi Testnet', store: createMemoryStore(), onApprove: () => true, onComplete: () => {} });
if (typeof toExpressMiddleware(handlers) !== 'function' || typeof toNodeHandler(handlers) !== 'function') throw new Error('adapters missing');
console.log('CommonJS require ok');
`,
);
step('CommonJS: require server-adapters and its Express and Node adapters', () => run('node', ['require.cjs'], app));

writeFileSync(
  join(app, 'messages.mjs'),
  `import { ApprovalFailedError } from '@pi-kit/core';
console.log(new ApprovalFailedError('p').shortMessage);
`,
);
// Which build of core each export condition loads (docs/ERRORS.md, "Development and production messages").
for (const [label, args, env, development] of [
  ['the development condition', ['--conditions=development'], {}, true],
  ['the production condition', ['--conditions=production'], {}, false],
  ['no condition, NODE_ENV unset', [], {}, true],
  ['no condition, NODE_ENV=production', [], { NODE_ENV: 'production' }, false],
]) {
  step(`core's messages under ${label}: ${development ? 'development' : 'production'}`, () => {
    const { NODE_ENV: _, ...base } = process.env;
    const out = execFileSync('node', [...args, 'messages.mjs'], { cwd: app, encoding: 'utf8', env: { ...base, ...env } });
    const isShort = out.startsWith('pi-kit error approval_failed;');
    if (isShort === development) throw new Error(`expected ${development ? 'the development' : 'the production'} message, got: ${out}`);
  });
}

await stepAsync('the installed pi-sim bin serves /pi-sdk.js and the prebuilt /console', async () => {
  const child = spawn(join(app, 'node_modules', '.bin', 'pi-sim'), ['--port', '0'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let output = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`pi-sim exited with ${code}: ${output}`)));
    });
    const response = await fetch(`${url}/pi-sdk.js`);
    const script = await response.text();
    if (response.status !== 200 || !script.includes('__piSimulator.start(')) {
      throw new Error(`GET /pi-sdk.js answered ${response.status}: ${script.slice(0, 200)}`);
    }
    // The console comes prebuilt in the package (dist/console/): no Vite in the user's project.
    const page = await fetch(`${url}/console`);
    const html = await page.text();
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    if (page.status !== 200 || !asset) throw new Error(`GET /console answered ${page.status}: ${html.slice(0, 200)}`);
    const script2 = await fetch(`${url}${asset}`);
    if (script2.status !== 200 || !(await script2.text()).includes('__sim/events')) {
      throw new Error(`GET ${asset} answered ${script2.status}, not the console's script.`);
    }
  } finally {
    child.kill('SIGTERM');
  }
});

rmSync(app, { recursive: true, force: true });
rmSync(packDir, { recursive: true, force: true });
console.log('packages ok');
