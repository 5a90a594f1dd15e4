// The worker thread of pglite-worker.ts: one PGlite database (in memory, or `workerData.dataDir`),
// answering `{ id, sql, params }` with `{ id, rows }` or `{ id, error }` (message and SQLSTATE code).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = workerData?.dataDir ? new PGlite(workerData.dataDir) : new PGlite();
await db.waitReady;
parentPort.on('message', async ({ id, sql, params, close }) => {
  if (close) {
    await db.close();
    parentPort.postMessage({ id, rows: [] });
    return;
  }
  try {
    const { rows } = await db.query(sql, params);
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), code: error?.code } });
  }
});
parentPort.postMessage({ ready: true });
