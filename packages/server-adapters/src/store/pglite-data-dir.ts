/**
 * PGlite's data folder. `new PGlite('./data/pikit')` creates `pikit` but not the folders above
 * it: when `./data` is missing, its start-up fails with `ENOENT … mkdir` at the first query. The
 * SQL store creates the whole folder when it is given the instance; PGlite's start-up (it loads
 * its WebAssembly first) reaches the folder later. Where the folder cannot be made, or PGlite
 * failed before the store was created, the store's first query fails with a `PiConfigError`
 * naming the folder.
 */
import { PiConfigError } from '../errors/config-error';

interface NodeFs {
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

/** The file-system folder of a PGlite instance (`dataDir`, a path or `file://…`), or `undefined` (in memory, IndexedDB, not PGlite). */
export function pgliteDataDir(db: unknown): string | undefined {
  const dataDir = (db as { dataDir?: unknown } | null)?.dataDir;
  if (typeof dataDir !== 'string' || dataDir === '') return undefined;
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) ? undefined : dataDir;
}

/**
 * Creates the PGlite data folder of `db` (with its parents) when it is on the file system and
 * Node's `fs` is there; does nothing otherwise.
 *
 * @throws PiConfigError (`invalid_config`) naming the folder when it cannot be created.
 */
export function ensurePGliteDataDir(db: unknown): void {
  const dir = pgliteDataDir(db);
  if (dir === undefined) return;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (!fs) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw new PiConfigError(
      `createSqlStore: the PGlite data folder "${dir}" cannot be created (${(cause as Error).message}). Give PGlite a folder this process can write.`,
      { cause },
    );
  }
}

/**
 * The error of a failed first query, as the app should see it: PGlite's `ENOENT … mkdir` becomes a
 * `PiConfigError` naming its data folder; any other error is returned as it is.
 */
export function explainStartupError(db: unknown, error: unknown): unknown {
  const dir = pgliteDataDir(db);
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  if (dir === undefined || code !== 'ENOENT' || syscall !== 'mkdir') return error;
  return new PiConfigError(
    `createSqlStore: PGlite could not create its data folder "${dir}": a folder above it is missing. Create the store in the same step as the PGlite instance (the store creates the folder), or create the folder before \`new PGlite(…)\`.`,
    { cause: error },
  );
}
