// The consumer lane: examples/starter as a user has it, outside this workspace.
//  1. build the four packages and pack them (`pnpm pack`, as they would be published);
//  2. copy examples/starter to a temporary folder and point its @pi-kit/* dependencies at the
//     tarballs; install with npm (no workspace links, no @pi-kit/source condition);
//  3. run its unit tests (vitest, jsdom), its strict typecheck (skipLibCheck false) and its
//     Chromium payment against the installed `pi-sim`;
//  4. typecheck every complete TypeScript block of the docs against the installed packages
//     (scripts/doc-blocks.mjs).
// `--out DIR` writes the vitest JSON reports there (consumer-unit.json, consumer-e2e.json), for
// the closing count of CI. Prints one line per step; exits non-zero when a step fails.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(root, '.ci-out'));
mkdirSync(out, { recursive: true });
const packages = ['core', 'react', 'server-adapters', 'simulator'];
let failed = false;

const step = (label, cmd, args, cwd, { fatal = true } = {}) => {
  const started = Date.now();
  try {
    execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    console.log(`ok   ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.log(`FAIL ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
    failed = true;
    if (fatal) process.exit(1);
  }
};

step('build the packages', 'pnpm', ['build'], root);
const packDir = mkdtempSync(join(tmpdir(), 'pikit-lane-pack-'));
for (const name of packages) step(`pack @pi-kit/${name}`, 'pnpm', ['pack', '--pack-destination', packDir], join(root, 'packages', name));
const tarballs = Object.fromEntries(
  readdirSync(packDir).map((file) => [`@pi-kit/${/^pi-kit-(.+)-\d+\.\d+\.\d+.*\.tgz$/.exec(file)?.[1]}`, `file:${join(packDir, file)}`]),
);

const app = join(mkdtempSync(join(tmpdir(), 'pikit-lane-')), 'my-pi-app');
cpSync(join(root, 'examples', 'starter'), app, {
  recursive: true,
  filter: (source) => !/[\\/](node_modules|dist|data|test-results)$/.test(source),
});
const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
for (const field of ['dependencies', 'devDependencies']) {
  for (const name of Object.keys(manifest[field] ?? {})) {
    if (!name.startsWith('@pi-kit/')) continue;
    if (!tarballs[name]) throw new Error(`consumer-lane: no tarball for ${name}`);
    manifest[field][name] = tarballs[name];
  }
}
writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

step('npm install (the tarballs and the starter dependencies)', 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
step(
  'unit tests (vitest, jsdom)',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'consumer-unit.json')}`],
  app,
  { fatal: false },
);
step('typecheck (strict, skipLibCheck false)', 'npx', ['tsc', '--noEmit'], app, { fatal: false });
step("write the docs' complete code blocks", 'node', [join(root, 'scripts', 'doc-blocks.mjs'), '--write', join(app, 'doc-blocks')], app);
step("typecheck the docs' code blocks against the installed packages", 'npx', ['tsc', '-p', 'doc-blocks'], app, { fatal: false });
step(
  'Chromium: a payment, and error messages under vite dev and vite build, against the installed pi-sim',
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'vitest.e2e.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(out, 'consumer-e2e.json')}`,
  ],
  app,
  { fatal: false },
);

rmSync(packDir, { recursive: true, force: true });
rmSync(join(app, '..'), { recursive: true, force: true });
console.log(failed ? 'consumer lane FAILED' : 'consumer lane ok');
process.exit(failed ? 1 : 0);
