/**
 * PGlite in a worker thread of the app server's process: the same embedded PostgreSQL, but its
 * WebAssembly runs beside the event loop that answers requests instead of inside it (as a
 * database server would). Exposes what the shop and pi-kit's SQL store need: `query(sql, params)`
 * resolving `{ rows }`, rejecting with the database's error (`message`, SQLSTATE `code`).
 */
import { Worker } from 'node:worker_threads';

export interface PGliteWorker {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
  close(): Promise<void>;
}

export async function startPGliteWorker(dataDir?: string): Promise<PGliteWorker> {
  const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, { resolve(value: { rows: any[] }): void; reject(error: Error): void }>();
  let nextId = 0;
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  worker.on('message', (m: { id: number; rows?: any[]; error?: { message: string; code?: string } }) => {
    const waiting = pending.get(m.id);
    if (!waiting) return;
    pending.delete(m.id);
    if (m.error) waiting.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    else waiting.resolve({ rows: m.rows ?? [] });
  });
  const send = (message: object) =>
    new Promise<{ rows: any[] }>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  return {
    query: (sql, params) => send({ sql, params }),
    async close() {
      await send({ close: true });
      await worker.terminate();
    },
  };
}
