#!/usr/bin/env node
// `pi-sim`: runs the package's built command line (dist/cli.js). In a source checkout of pi-kit
// where `pnpm build` has not run, it runs the sources with tsx instead, so that `pnpm exec pi-sim`
// works right after `pnpm install`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
const source = new URL('../src/cli.ts', import.meta.url);

if (existsSync(built)) {
  await import(built.href);
} else if (existsSync(source)) {
  let tsx;
  try {
    tsx = import.meta.resolve('tsx');
  } catch {
    console.error('pi-sim: dist/ is not built and tsx is not installed: run `pnpm build` in the pi-kit checkout.');
    process.exit(1);
  }
  const child = spawn(process.execPath, ['--conditions=@pi-kit/source', '--import', tsx, fileURLToPath(source), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.error('pi-sim: @pi-kit/simulator is incomplete (no dist/cli.js): reinstall it.');
  process.exit(1);
}
