/**
 * PGlite in a worker thread of the app server's process: the same embedded PostgreSQL, but its
 * WebAssembly runs beside the event loop that answers requests instead of inside it (as a
 * database server would). Exposes what the shop and pi-kit's SQL store use of a PGlite instance:
 * `query(sql, params)` resolving `{ rows }`, and the protocol path of the store's prepared
 * statements (`execProtocol`, `runExclusive`, `isInTransaction`: `pglite-statements.ts`), each
 * rejecting with the database's error (`message`, SQLSTATE `code`).
 *
 * The worker runs each `execProtocol` message inside PGlite's `runExclusive`, so `runExclusive`
 * here only runs its function. No transaction is ever open: the bench's app sends single
 * statements, and the worker refuses a protocol message while one is.
 *
 * `threadCpuMs()` is the database thread's CPU time so far (Linux: its `schedstat`, read from the
 * calling thread), the part of the process's CPU a database server in its own process would use.
 */
import { Worker } from 'node:worker_threads';
import { threadCpuMs } from './cpu-time';

export interface PGliteWorker {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
  execProtocol(message: Uint8Array): Promise<{ messages: any[] }>;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  isInTransaction(): boolean;
  close(): Promise<void>;
  /** The database thread's CPU time so far, ms; `null` where it cannot be read (not Linux, or closed). */
  threadCpuMs(): number | null;
}

interface Reply {
  id: number;
  rows?: any[];
  messages?: any[];
  error?: { message: string; code?: string };
}

export async function startPGliteWorker(dataDir?: string): Promise<PGliteWorker> {
  const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, { resolve(value: Reply): void; reject(error: Error): void }>();
  let nextId = 0;
  const { tid } = await new Promise<{ tid: number | null }>((resolve, reject) => {
    worker.once('message', (ready: { tid?: number | null }) => resolve({ tid: ready.tid ?? null }));
    worker.once('error', reject);
  });
  const schedstat = tid === null ? null : `/proc/self/task/${tid}/schedstat`;
  worker.on('message', (m: Reply) => {
    const waiting = pending.get(m.id);
    if (!waiting) return;
    pending.delete(m.id);
    if (m.error) waiting.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    else waiting.resolve(m);
  });
  const send = (message: object, transfer: ArrayBuffer[] = []) =>
    new Promise<Reply>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message }, transfer);
    });
  return {
    query: async (sql, params) => ({ rows: (await send({ sql, params })).rows ?? [] }),
    execProtocol: async (message) => ({ messages: (await send({ protocol: message })).messages ?? [] }),
    runExclusive: (fn) => fn(),
    isInTransaction: () => false,
    threadCpuMs: () => (schedstat === null ? null : threadCpuMs(schedstat)),
    async close() {
      await send({ close: true });
      await worker.terminate();
    },
  };
}
