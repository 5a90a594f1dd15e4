/**
 * Bounded retries with exponential backoff and jitter, for requests that are safe to repeat.
 */

export interface RetryPolicy {
  /** Extra attempts after the first (0 = no retry). */
  retries: number;
  /** Delay before the first retry, in ms; doubled each time, with ±50% jitter. */
  baseDelayMs: number;
}

/** The delay before retry number `attempt` (1-based), in ms. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.round(exp * (0.5 + Math.random()));
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
