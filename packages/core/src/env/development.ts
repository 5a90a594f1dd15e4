/**
 * Whether pi-kit runs in development, decided once when core is loaded. The one switch of
 * core's development-only texts (the long "what to do" messages) and checks (impossible
 * transitions thrown), chosen as the ecosystem does (docs/ERRORS.md, "Development and
 * production messages"):
 *
 * - the `development` export condition (Vite's dev server, webpack and Next.js in development,
 *   vitest, `node --conditions=development`) loads core's development build: `true`;
 * - the `production` condition (Vite, webpack and Next.js production builds) loads its
 *   production build: `false`, and bundlers drop every development-only text;
 * - anywhere else (Node without a condition, other bundlers) `process.env.NODE_ENV !== 'production'`,
 *   read safely: `false` where `process` does not exist.
 */
declare const __PI_KIT_DEV__: boolean | undefined;

/** `true` in development: see the module's documentation. Internal. */
export const DEV: boolean =
  typeof __PI_KIT_DEV__ === 'boolean'
    ? __PI_KIT_DEV__
    : typeof process === 'object' && process !== null && process.env?.NODE_ENV !== 'production';

/** {@link DEV}, as a function (for `@pi-kit/core/internal` users). */
export function isDevelopment(): boolean {
  return DEV;
}
