/**
 * Group commit for the SQL store: at most `maxInFlight` statements run at once; operations
 * that arrive while they run wait, and are then sent together, one statement per kind of
 * operation for many payments (a batch). Alone, an operation is sent at once as its own
 * statement, so a quiet server pays nothing for this; under load, many payments share one
 * round trip, one plan and one commit (one disk flush) instead of one each.
 *
 * A batch never holds two writes to the same payment, so each write's compare-and-set is
 * checked against the state the previous one left, exactly as one after the other.
 */

/** One store operation waiting for its statement. */
export interface QueuedOperation {
  kind: 'get' | 'insert' | 'transition';
  /** The payment it reads or writes. */
  paymentId: string;
}

export interface StatementQueueOptions<Op extends QueuedOperation> {
  /** Statements running at once (at least 1). */
  maxInFlight: number;
  /** Operations sent in one statement (at least 1). */
  maxBatch: number;
  /** Runs operations of one kind as one statement; resolves one result per operation, in order. */
  run(kind: Op['kind'], ops: readonly Op[]): Promise<unknown[]>;
  /**
   * Whether a failed statement certainly changed nothing (the database rejected it), so that
   * each of its operations can be sent again alone: then an error reaches only the operation
   * that caused it. Otherwise (e.g. a lost connection: the outcome is unknown) all of them
   * fail with the error.
   */
  changedNothing(error: unknown): boolean;
}

interface Waiting<Op> {
  op: Op;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Creates the queue; `submit` resolves the operation's result (see `run`). */
export function createStatementQueue<Op extends QueuedOperation>(options: StatementQueueOptions<Op>): { submit<R>(op: Op): Promise<R> } {
  const { run, changedNothing } = options;
  const maxInFlight = Math.max(1, Math.floor(options.maxInFlight));
  const maxBatch = Math.max(1, Math.floor(options.maxBatch));
  let queue: Waiting<Op>[] = [];
  let inFlight = 0;

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      // The oldest operation's kind goes next, with every later one of that kind that fits.
      const kind = queue[0]!.op.kind;
      const batch: Waiting<Op>[] = [];
      const rest: Waiting<Op>[] = [];
      const written = new Set<string>();
      for (const waiting of queue) {
        const { op } = waiting;
        const fits = batch.length < maxBatch && op.kind === kind && (kind === 'get' || !written.has(op.paymentId));
        if (fits) {
          batch.push(waiting);
          written.add(op.paymentId);
        } else rest.push(waiting);
      }
      queue = rest;
      void send(kind, batch);
    }
  }

  async function send(kind: Op['kind'], batch: Waiting<Op>[]): Promise<void> {
    inFlight++;
    try {
      const results = await run(
        kind,
        batch.map((w) => w.op),
      );
      for (const [i, w] of batch.entries()) w.resolve(results[i]);
    } catch (error) {
      if (batch.length > 1 && changedNothing(error)) {
        await Promise.all(
          batch.map(async (w) => {
            try {
              w.resolve((await run(kind, [w.op]))[0]);
            } catch (own) {
              w.reject(own);
            }
          }),
        );
      } else for (const w of batch) w.reject(error);
    } finally {
      inFlight--;
      pump();
    }
  }

  return {
    submit<R>(op: Op): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
        pump();
      });
    },
  };
}
