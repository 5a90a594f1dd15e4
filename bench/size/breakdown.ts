/**
 * What each source file costs in core's gzipped figure: `pnpm size` prints minified bytes
 * by file, but gzip squeezes repeated code much more than unique logic, so this prints,
 * for each module, how many gzipped bytes the bundle loses without it (its marginal cost).
 *
 * Same entry, options and externals as `measure.ts`, except that the bundle is first
 * built unminified (esbuild marks each module with a `// path` comment), then each
 * module's part is left out in turn and the rest minified and gzipped. The marginal costs
 * add up to less than the total (about 85%): what modules share, gzip counts once.
 *
 * Run: `node --conditions=@pi-kit/source --import tsx bench/size/breakdown.ts`
 */
import { gzipSync } from 'node:zlib';
import { build, transformSync } from 'esbuild';
import { APP_PEERS, appBundleOptions, ENTRIES } from './measure';

// Unminified, so that esbuild marks each module's part with a `// path` comment.
const result = await build({ ...appBundleOptions('core', ENTRIES.core, [...APP_PEERS]), minify: false });

const parts: Array<{ path: string; code: string }> = [];
for (const line of result.outputFiles[0]!.text.split('\n')) {
  const marker = /^\/\/ (\S+)$/.exec(line);
  if (marker) parts.push({ path: marker[1]!.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, ''), code: '' });
  else if (parts.length > 0) parts[parts.length - 1]!.code += `${line}\n`;
}
const gzipped = (code: string) => gzipSync(transformSync(code, { minify: true, format: 'esm' }).code, { level: 9 }).byteLength;
const total = gzipped(parts.map((p) => p.code).join(''));
const rows = parts
  .map((part) => ({
    path: part.path,
    bytes:
      total -
      gzipped(
        parts
          .filter((p) => p !== part)
          .map((p) => p.code)
          .join(''),
      ),
  }))
  .sort((a, b) => b.bytes - a.bytes);
console.log(`@pi-kit/core: ${total} B gzipped; gzipped bytes each module adds (the bundle without it is that much smaller):`);
for (const row of rows.filter((r) => r.bytes > 0)) console.log(`  ${String(row.bytes).padStart(5)}  ${row.path}`);
