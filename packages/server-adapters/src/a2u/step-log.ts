/**
 * The A2U client's log: one line per step (create, submit, complete, cancel, recover) with the
 * payment id, the txid, the error code, what Pi answered, and the duration; an error line with
 * the fix when the cause is the server's configuration (Pi refused the API key, the other
 * network, Pi or Horizon unreachable). Only ids, codes, statuses and durations go into a line:
 * never the API key, the wallet seed or a request body.
 */
import { misconfiguration, type LogFields, type PaymentLogger } from '../handlers/logger';
import { PiApiError } from '../platform/errors';
import { A2UError } from './errors';

/** A step of the A2U client. */
export type A2UStep = 'create' | 'submit' | 'complete' | 'cancel' | 'recover';

/** The route-style code whose fix applies to `error`, if its cause is the configuration. */
function configurationCode(error: unknown): string | undefined {
  if (error instanceof PiApiError) {
    if (error.status === 401) return 'pi_unauthorized';
    if (error.status === undefined || error.status >= 500) return error.code === 'aborted' ? undefined : 'pi_unavailable';
  }
  if (error instanceof A2UError && error.code === 'wrong_network') return 'wrong_network';
  return undefined;
}

/**
 * Runs `run` as `step` of the payment `paymentId` (when known) and logs its outcome: `info` on
 * success, `error` with `fix` for a misconfiguration, `warn` otherwise. The result or error is
 * passed on unchanged.
 */
export async function logStep<T>(
  logger: PaymentLogger,
  step: A2UStep,
  paymentId: string | undefined,
  run: () => Promise<T>,
  describe: (result: T) => LogFields = () => ({}),
): Promise<T> {
  const started = Date.now();
  const what = `a2u ${step}${paymentId ? ` ${paymentId}` : ''}`;
  try {
    const result = await run();
    safely(() => logger.info(`${what}: ok`, { step, paymentId, ...describe(result), durationMs: Date.now() - started }));
    return result;
  } catch (error) {
    const code = error instanceof A2UError || error instanceof PiApiError ? error.code : 'internal_error';
    const fields: LogFields = {
      step,
      paymentId,
      code,
      piStatus: error instanceof PiApiError ? (error.status ?? null) : undefined,
      durationMs: Date.now() - started,
    };
    const configuration = configurationCode(error);
    const fix = configuration && misconfiguration(502, configuration);
    safely(() => {
      if (fix) logger.error(`${what}: ${code}. ${fix}`, { ...fields, fix });
      else logger.warn(`${what}: ${code}`, fields);
    });
    throw error;
  }
}

/** A failing logger must not change the outcome. */
function safely(write: () => void): void {
  try {
    write();
  } catch {
    // ignored
  }
}
