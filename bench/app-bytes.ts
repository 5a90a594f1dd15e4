/**
 * `pnpm size:app`: what `@pi-kit/core` + `@pi-kit/react` add to a Vite production build of an app
 * that signs in and pays (`size/app-bytes.ts`), beside the goal (8 KB gzip) and the ceiling CI
 * enforces. Exits 1 above the ceiling, or when a build holds development-only texts;
 * above the ceiling, or with `--breakdown`, it prints where the bytes go (`size/app-breakdown.ts`).
 * Needs the packages built (`pnpm build`); `pnpm check:packages` runs it after building them.
 */
import { breakdownApp, formatBreakdown } from './size/app-breakdown';
import { APP_BYTES_CEILING_GZIP, APP_BYTES_GOAL_GZIP, measureAppBytes, packagesBuilt } from './size/app-bytes';

if (!packagesBuilt()) {
  console.log('app bytes: the packages are not built; run pnpm build first');
  process.exit(1);
}
const { withPiKit, without, added, variants } = await measureAppBytes();
const kb = (b: number) => `${(b / 1024).toFixed(2)} KB`;
console.log('an app that signs in and pays, built with Vite (production; JavaScript, gzip -9 and brotli)');
console.log(
  `  with pi-kit       ${kb(withPiKit.minified).padStart(10)} min  ${kb(withPiKit.gzip).padStart(9)} gz  ${kb(withPiKit.brotli).padStart(9)} br`,
);
console.log(
  `  without pi-kit    ${kb(without.minified).padStart(10)} min  ${kb(without.gzip).padStart(9)} gz  ${kb(without.brotli).padStart(9)} br`,
);
const bytes = (b: number) => `${b.toLocaleString('en-US')} B`;
console.log(
  `  pi-kit adds       ${kb(added.minified).padStart(10)} min  ${kb(added.gzip).padStart(9)} gz  ${kb(added.brotli).padStart(9)} br` +
    `  (${bytes(added.gzip)} gz; goal ${bytes(APP_BYTES_GOAL_GZIP)}: ${added.gzip <= APP_BYTES_GOAL_GZIP ? 'met' : 'not met'};` +
    ` ceiling ${bytes(APP_BYTES_CEILING_GZIP)}: ${added.gzip <= APP_BYTES_CEILING_GZIP ? 'ok' : 'OVER'})`,
);
console.log('the same app in other shapes: what pi-kit adds, and the difference with the app above (gzip)');
for (const variant of variants) {
  const delta = variant.added.gzip - added.gzip;
  console.log(
    `  ${kb(variant.added.minified).padStart(10)} min  ${kb(variant.added.gzip).padStart(9)} gz  ${kb(variant.added.brotli).padStart(9)} br` +
      `  ${`${delta >= 0 ? '+' : '-'}${Math.abs(delta)} B gz`.padStart(10)}  ${variant.label}`,
  );
}
// One development-only text of core (its `production` build) and one of react (`process.env.NODE_ENV`).
const devTexts = ["Check the server's approve route", 'must be used inside <PiProvider>'];
const devText = [withPiKit, ...variants.map((v) => v.app)].some((app) => devTexts.some((text) => app.code.includes(text)));
if (devText) console.log('  a build holds development-only texts: it is not a production build');
const over = added.gzip > APP_BYTES_CEILING_GZIP;
if (over || process.argv.includes('--breakdown')) {
  console.log("\nwhere pi-kit's bytes go, by source file (minified; gzip: what the bundle loses without the file)");
  for (const line of formatBreakdown(await breakdownApp('with-pi-kit.tsx'))) console.log(`  ${line}`);
}
if (over || devText) process.exit(1);
