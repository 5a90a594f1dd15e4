// The worker thread of pglite-worker.ts: one PGlite database (in memory, or `workerData.dataDir`),
// answering `{ id, sql, params }` with `{ id, rows }`, `{ id, protocol }` (a protocol message, run
// inside PGlite's runExclusive) with `{ id, messages }`, or either with `{ id, error }` (message
// and SQLSTATE code). Its ready message `{ ready, tid }` gives its Linux thread id (`null`
// elsewhere), for the app server's main thread to read this thread's CPU time.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = workerData?.dataDir ? new PGlite(workerData.dataDir) : new PGlite();
await db.waitReady;
parentPort.on('message', async ({ id, sql, params, protocol, close }) => {
  if (close) {
    await db.close();
    parentPort.postMessage({ id, rows: [] });
    return;
  }
  try {
    if (protocol) {
      const messages = await db.runExclusive(async () => {
        if (db.isInTransaction()) throw new Error('pglite-thread: a protocol message while a transaction is open');
        return (await db.execProtocol(protocol)).messages;
      });
      parentPort.postMessage({ id, messages });
      return;
    }
    const { rows } = await db.query(sql, params);
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), code: error?.code } });
  }
});
parentPort.postMessage({ ready: true, tid: threadId() });

/** This thread's id (`/proc/thread-self/stat`: `tid (comm) …`), or `null` where there is none. */
function threadId() {
  try {
    const tid = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}
