/**
 * Set-up of the React 18 run (`vitest.react18.config.ts`): CommonJS code that Vite
 * does not transform (react-dom 18's own `require('react')`) must load React 18 too.
 */
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);
const targets: Record<string, string> = {
  react: dirname(require.resolve('react-18/package.json')),
  'react-dom': dirname(require.resolve('react-dom-18/package.json')),
};

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolve = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolve._resolveFilename;
moduleWithResolve._resolveFilename = function resolveReact18(this: unknown, request: string, ...rest: unknown[]) {
  const match = /^(react|react-dom)(\/.*)?$/.exec(request);
  const target = match ? targets[match[1] as string] : undefined;
  return original.call(this, target ? `${target}${match?.[2] ?? ''}` : request, ...rest);
};
