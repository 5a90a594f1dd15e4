/**
 * Next.js config of the example. In this monorepo the `@pi-kit/*` packages are
 * read from their TypeScript sources: Turbopack does not take custom export
 * conditions, so each `@pi-kit/source` entry of the packages' `exports` maps
 * becomes a `resolveAlias` (read from the package.json files, so a new subpath
 * export needs no change here). An app that installs pi-kit from npm needs none
 * of this: an empty config works.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../..');
const PACKAGES = ['core', 'react', 'server-adapters'] as const;

type ExportsMap = Record<string, Record<string, string>>;

/** `{ '@pi-kit/core': './../../packages/core/src/index.ts', … }`, relative to this folder as Turbopack wants. */
function sourceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const dir of PACKAGES) {
    const packageDir = join(repoRoot, 'packages', dir);
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string; exports: ExportsMap };
    for (const [subpath, conditions] of Object.entries(manifest.exports)) {
      const source = conditions['@pi-kit/source'];
      if (!source) continue;
      aliases[join(manifest.name, subpath)] = `./${relative(here, join(packageDir, source))}`;
    }
  }
  return aliases;
}

const nextConfig: NextConfig = {
  transpilePackages: PACKAGES.map((dir) => `@pi-kit/${dir}`),
  // Big CommonJS dependencies of the server routes, loaded by Node as they are.
  serverExternalPackages: ['@stellar/stellar-sdk'],
  turbopack: { root: repoRoot, resolveAlias: sourceAliases() },
  outputFileTracingRoot: repoRoot,
  // The repo's `tsc` typechecks src/ (root tsconfig.json); a second check in `next build` only costs time.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
