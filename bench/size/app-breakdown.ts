/**
 * Where pi-kit's bytes go in the Vite production build of a fixture app (`app-bytes.ts`): the
 * build's source map gives the source file of every output byte (`source-map.ts`), through the
 * packages' own `dist/*.js.map` down to their `src/`. For each file of `@pi-kit/core`,
 * `@pi-kit/react` and zustand (which core brings): its minified bytes, and its gzip bytes as what
 * the whole bundle (React included) loses without them (its marginal cost). Marginal costs add
 * up to less than what pi-kit adds (`pnpm size:app`): what files share, gzip counts once, and the
 * fixture's own code differs a little from its baseline's.
 */
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp, inProduction, root } from './app-bytes';
import { sourceOfEachChar, type SourceMapLike } from './source-map';

export interface BreakdownRow {
  /** `core/src/…`, `react/src/…` or `zustand/…`. */
  file: string;
  minified: number;
  /** What the gzipped bundle loses without this file's bytes. */
  gzip: number;
}

/** A pi-kit (or zustand) file's short name, or `null` for the app's and React's own files. */
function piKitFile(path: string): string | null {
  const inPackage = /[\\/]packages[\\/](core|react)[\\/](src[\\/].*)$/.exec(path);
  if (inPackage) return `${inPackage[1]}/${inPackage[2]!.replaceAll('\\', '/')}`;
  const zustand = /[\\/]node_modules[\\/](zustand[\\/].*)$/.exec(path);
  return zustand ? zustand[1]!.replaceAll('\\', '/') : null;
}

/** pi-kit's files in the production build of `entry` (a fixture of `bench/size/app/`), by gzip bytes. */
export async function breakdownApp(entry: string): Promise<BreakdownRow[]> {
  const { chunks } = await inProduction(() => buildApp(entry, { sourcemap: true }));
  const rows = new Map<string, BreakdownRow>();
  for (const chunk of chunks) {
    if (!chunk.map) continue;
    const owners = sourceOfEachChar(chunk.code, chunk.map as SourceMapLike, dirname(join(root, 'dist', chunk.fileName)));
    const total = gzipSync(chunk.code, { level: 9 }).length;
    const names = new Map<string | null, string | null>();
    const fileOf = owners.map((owner) => {
      if (!names.has(owner)) names.set(owner, owner && piKitFile(owner));
      return names.get(owner)!;
    });
    const files = new Map<string, number>();
    for (const file of fileOf) if (file) files.set(file, (files.get(file) ?? 0) + 1);
    for (const [file, bytes] of files) {
      let rest = '';
      for (let i = 0; i < fileOf.length; i++) if (fileOf[i] !== file) rest += chunk.code[i];
      const row = rows.get(file) ?? { file, minified: 0, gzip: 0 };
      row.minified += bytes;
      row.gzip += total - gzipSync(rest, { level: 9 }).length;
      rows.set(file, row);
    }
  }
  return [...rows.values()].sort((a, b) => b.gzip - a.gzip || a.file.localeCompare(b.file));
}

/** The rows as lines, with a total per package. */
export function formatBreakdown(rows: BreakdownRow[]): string[] {
  const lines = rows.map((row) => `${String(row.minified).padStart(7)} min ${String(row.gzip).padStart(6)} gz  ${row.file}`);
  for (const name of ['core', 'react', 'zustand']) {
    const mine = rows.filter((row) => row.file.startsWith(`${name}/`));
    const sum = (key: 'minified' | 'gzip') => mine.reduce((total, row) => total + row[key], 0);
    lines.push(`${String(sum('minified')).padStart(7)} min ${String(sum('gzip')).padStart(6)} gz  ${name} (${mine.length} files)`);
  }
  return lines;
}
