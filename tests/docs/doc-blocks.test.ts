/**
 * The docs cannot rot: a code block that says it is a file of the repository (```ts file=…) is
 * that file, byte for byte (docs/TESTING.md shows examples/starter this way). The other complete
 * blocks are typechecked against the installed packages by the consumer lane (`pnpm test:consumer`).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/doc-blocks.mjs', import.meta.url));
const run = (...args: string[]) => execFileSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('code blocks of the docs', () => {
  it('every file= block is identical to its file', () => {
    expect(run('--check-files')).toContain('every file= block is its file');
  });

  it('docs/TESTING.md shows the starter: its server routes, test world, tests and browser test', () => {
    const files = run('--list')
      .split('\n')
      .filter((line) => line.startsWith('file') && line.includes('docs/TESTING.md'))
      .map((line) => line.split(' = ')[1]);
    expect(files).toEqual([
      'examples/starter/server/payments.ts',
      'examples/starter/test/pi-test-world.ts',
      'examples/starter/test/app.test.tsx',
      'examples/starter/vitest.config.ts',
      'examples/starter/e2e/support.ts',
      'examples/starter/e2e/pay.e2e.test.ts',
    ]);
  });
});
