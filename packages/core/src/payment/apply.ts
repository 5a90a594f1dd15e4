import { InvalidTransitionError } from '../errors/payment';
import { DEV } from '../env/development';
import type { PaymentEvent } from './events';
import { paymentReducer } from './reducer';
import type { PaymentSnapshot } from './snapshot';

/** How impossible transitions are handled by {@link applyPaymentEvent}. */
export interface InvariantOptions {
  /**
   * Called with every impossible transition (an `InvalidTransitionError`) and the
   * snapshot and event that caused it, in every environment.
   */
  onInvariantViolation?: ((error: InvalidTransitionError, context: { state: PaymentSnapshot; event: PaymentEvent }) => void) | undefined;
  /**
   * Throw impossible transitions (after reporting them). Default: in development
   * only (core's `development` build, or `process.env.NODE_ENV !== 'production'`: docs/ERRORS.md).
   */
  strict?: boolean | undefined;
}

/**
 * Applies `event` to `state` with {@link paymentReducer}. An impossible transition
 * is never applied: it is reported to `onInvariantViolation`, then thrown when
 * `strict` (development by default), else the unchanged `state` is returned.
 *
 * @throws {InvalidTransitionError} in strict mode, for an impossible transition.
 */
export function applyPaymentEvent(state: PaymentSnapshot, event: PaymentEvent, options: InvariantOptions = {}): PaymentSnapshot {
  try {
    return paymentReducer(state, event);
  } catch (error) {
    if (!(error instanceof InvalidTransitionError)) throw error;
    options.onInvariantViolation?.(error, { state, event });
    if (options.strict ?? DEV) throw error;
    return state;
  }
}
