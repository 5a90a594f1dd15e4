/**
 * `pnpm size`: minified + gzipped size of what an app imports from `@pi-kit/core` and
 * `@pi-kit/react` (see `size/measure.ts` for how), against the ceilings (core ≤ 7.5 KB,
 * react ≤ 2 KB; exit 1 when over), and beside it, measured the same way, the published
 * `pi-sdk-react@2.0.0` (`pi-sdk-js`, which it imports, is not published on npm: it is
 * left external, so its figure is a lower bound). Its tarball is fetched with `npm pack`
 * into `node_modules/.cache/pi-kit-size` (pnpm cannot install it: its `pi-sdk-js`
 * dependency is `file:../js-base`).
 */
import { measurePiKit, overBudget } from './size/measure';
import { measurePiSdkReact } from './size/pi-sdk-react';

const sizes = await measurePiKit();
const theirs = await measurePiSdkReact();
const kb = (b: number) => `${(b / 1024).toFixed(2)} KB`;
console.log('bundle sizes (esbuild: ESM, browser, minified, tree-shaken; gzip -9)');
for (const s of sizes) {
  const budget = s.budget === null ? '' : `  ceiling ${kb(s.budget)} ${s.gzipped <= s.budget ? 'ok' : 'OVER'}`;
  console.log(`  ${s.name.padEnd(30)} ${kb(s.minified).padStart(10)} min  ${kb(s.gzipped).padStart(9)} gz${budget}`);
}
if (theirs.ok) {
  console.log(
    `  ${theirs.size.name.padEnd(30)} ${kb(theirs.size.minified).padStart(10)} min  ${kb(theirs.size.gzipped).padStart(9)} gz  (pi-sdk-js not on npm: external, not counted)`,
  );
} else {
  console.log(`  pi-sdk-react@2.0.0: not measured (${theirs.reason})`);
}
console.log('  pi-sdk-js: not published on npm (404), nothing to measure');
const over = overBudget(sizes);
if (over.length) {
  console.log('\nover the ceiling:');
  for (const line of over) console.log(`  ${line}`);
  for (const s of sizes.filter((x) => x.budget !== null && x.gzipped > x.budget)) {
    console.log(`\nwhy ${s.name} is ${kb(s.gzipped)}:`);
    console.log(`  long string literals (messages): ${kb(s.messageBytes)} minified; without them ${kb(s.gzippedWithoutMessages)} gzipped`);
    console.log('  minified bytes by source file:');
    for (const input of s.inputs.filter((i) => i.bytes > 0)) console.log(`    ${String(input.bytes).padStart(6)}  ${input.path}`);
  }
  process.exit(1);
}
