/**
 * PGlite databases for the test suites, without paying for `initdb` in every file.
 *
 * `new PGlite()` runs initdb in WASM before it answers: 2–7 s of CPU per instance on a
 * 2-core machine, which made the PGlite tests the slowest of `pnpm test`. Instead:
 *
 * - {@link sharedPGlite}: one database per test worker process, shared by every test file
 *   that worker runs (the node projects run with `isolate: false`). Whoever uses it takes a
 *   fresh schema or table of its own (`createSqlStore({ db, schema })`) and never closes it.
 * - {@link freshPGlite}: a database of its own (for code with fixed table names, or one kept
 *   in a data directory), started from a tarball of an empty database instead of initdb
 *   (~0.7 s instead of ~3 s).
 *
 * The tarball is made by initdb once per machine and PGlite version, kept in
 * `node_modules/.cache/pi-kit-tests/`, and read once per process.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

interface Memo {
  emptyDataDir?: Promise<Blob>;
  shared?: Promise<PGlite>;
}

// On globalThis, not in this module: the memo outlives a re-evaluation of this file.
const memoKey = Symbol.for('pi-kit.tests.pglite');
const scope = globalThis as unknown as Record<symbol, Memo | undefined>;
scope[memoKey] ??= {};
const memo = scope[memoKey];

function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function cacheFile(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  return join(root, 'node_modules', '.cache', 'pi-kit-tests', `pglite-${pgliteVersion()}-empty.tar`);
}

/** A tarball of an empty, initdb'd PGlite data directory (read from the cache, or made and cached): `new PGlite({ loadDataDir })`. */
export function emptyDataDir(): Promise<Blob> {
  memo.emptyDataDir ??= (async () => {
    const file = cacheFile();
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const db = new PGlite();
    await db.waitReady; // dumpDataDir() before it never settles
    const tarball = await db.dumpDataDir('none');
    await db.close();
    mkdirSync(dirname(file), { recursive: true });
    // Two workers may make it at once (worker threads share a pid): each writes a file of its own
    // and renames it into place.
    const partial = `${file}.${process.pid}.${threadId}.${randomUUID()}.partial`;
    writeFileSync(partial, new Uint8Array(await tarball.arrayBuffer()));
    renameSync(partial, file);
    return tarball;
  })();
  return memo.emptyDataDir;
}

/**
 * A new, empty PGlite database of its own, in memory or in `dataDir` (which must not hold a
 * database yet), ready to query. The caller closes it.
 */
export async function freshPGlite(dataDir?: string): Promise<PGlite> {
  const loadDataDir = await emptyDataDir();
  try {
    const db = new PGlite({ dataDir, loadDataDir });
    await db.waitReady;
    return db;
  } catch (error) {
    // A cached tarball this PGlite cannot load: drop it, so the next run makes a new one.
    rmSync(cacheFile(), { force: true });
    throw new Error('tests/support/pglite: could not start PGlite from the cached empty database (removed it; run again)', {
      cause: error,
    });
  }
}

/**
 * This worker process's shared PGlite database, ready to query. Use a fresh schema or table
 * of your own in it; never close it (it ends with the worker).
 */
export function sharedPGlite(): Promise<PGlite> {
  memo.shared ??= freshPGlite();
  return memo.shared.then((db) => {
    if (!db.closed) return db;
    memo.shared = undefined;
    return sharedPGlite();
  });
}
