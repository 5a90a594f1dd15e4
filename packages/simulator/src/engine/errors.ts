/**
 * The error the simulated Pi network throws, carrying Pi's error code and the
 * HTTP status the Platform API answers it with.
 *
 * Source: docs/PI-PLATFORM.md ("The Platform API") (error codes seen in Pi's Node SDK).
 */
import { PiKitError, type PaymentDTO, type PiApiErrorCode } from '@pi-kit/core';

/**
 * Codes thrown by the engine: Pi's Platform API codes, plus `not_approved` (the user tried to
 * sign an unapproved payment) and `insufficient_funds` (the wallet cannot pay amount + fee).
 */
export type PiNetworkErrorCode = PiApiErrorCode | 'not_approved' | 'insufficient_funds';

/**
 * A refusal of the simulated Pi network. `code` is Pi's `error` code, `status` the HTTP status the
 * Platform API answers with, `payment` the payment concerned when there is one (e.g. the pending
 * payment of `ongoing_payment_found`).
 */
export class PiNetworkError extends PiKitError<PiNetworkErrorCode> {
  override name = 'PiNetworkError';
  readonly status: number;
  readonly payment: PaymentDTO | undefined;

  constructor(code: PiNetworkErrorCode, message: string, options: { status?: number; payment?: PaymentDTO; cause?: unknown } = {}) {
    super(code, message, options.cause === undefined ? {} : { cause: options.cause });
    this.status = options.status ?? 400;
    this.payment = options.payment;
  }
}

/**
 * Thrown (as a rejection) by `platformApi` and `horizon` for an injected `drop` fault: the
 * transports turn it into a network error (msw `HttpResponse.error()`, a destroyed socket).
 */
export class SimulatedConnectionDrop extends PiKitError<'connection_dropped'> {
  override name = 'SimulatedConnectionDrop';
  constructor(what: string) {
    super('connection_dropped', `Simulated connection drop (injected fault) on ${what}.`);
  }
}

/**
 * Codes of {@link PiNetworkStateError}: `invalid_state`, a saved state that cannot be restored (not
 * JSON, not a simulator state, another version, or inconsistent); `state_mismatch`, a saved state
 * written for other options than the ones given (another network, API key, wallet or seed).
 */
export type PiNetworkStateErrorCode = 'invalid_state' | 'state_mismatch';

/**
 * A saved network state that cannot be used: thrown by `restorePiNetwork` for an invalid snapshot
 * (`invalid_state`) and by the simulator server's state file (`stateFile`, `pi-sim --state`) for a
 * file it cannot read or restore (`invalid_state`) or one written for other options
 * (`state_mismatch`). The message says what is wrong and what to do; `file` names the file, if any.
 */
export class PiNetworkStateError extends PiKitError<PiNetworkStateErrorCode> {
  override name = 'PiNetworkStateError';
  readonly file: string | undefined;

  /** `details` (default: the cause's message) is added to `message`; `''` adds none. */
  constructor(code: PiNetworkStateErrorCode, message: string, options: { file?: string; cause?: unknown; details?: string } = {}) {
    const { file, ...rest } = options;
    super(code, message, rest);
    this.file = file;
  }
}
