import type { RouteError, RouteErrorCode } from '../contract/route-error';
import { PiKitError } from './base';
import type { PiKitErrorCode } from './codes';
import type { InvalidOptionError } from './options';
import type {
  ApprovalFailedError,
  CompletionFailedError,
  IncompletePaymentError,
  InvalidPaymentDataError,
  InvalidTransitionError,
  PaymentCancelledError,
  PaymentError,
  PaymentExpiredError,
  PaymentInProgressError,
} from './payment';
import type {
  AuthenticationError,
  InvalidScopesError,
  NotAuthenticatedError,
  NotInitializedError,
  PiBrowserRequiredError,
  SdkCallError,
  SdkLoadError,
  SdkUnavailableError,
  UnsupportedVersionError,
} from './sdk';
import type { ServerRequestError } from './transport';

/** Every error class of `@pi-kit/core` with its own `code`: the union `isPiKitError` narrows to. */
export type KnownPiKitError =
  | SdkLoadError
  | SdkUnavailableError
  | NotInitializedError
  | UnsupportedVersionError
  | SdkCallError
  | PiBrowserRequiredError
  | AuthenticationError
  | NotAuthenticatedError
  | InvalidScopesError
  | InvalidPaymentDataError
  | PaymentInProgressError
  | PaymentCancelledError
  | ApprovalFailedError
  | CompletionFailedError
  | IncompletePaymentError
  | PaymentExpiredError
  | PaymentError
  | InvalidTransitionError
  | ServerRequestError
  | InvalidOptionError;

/**
 * The error class of `code`: `PiKitErrorOf<'payment_cancelled'>` is `PaymentCancelledError`; a
 * route error code (thrown by the app server's handlers) gives `RouteError`.
 */
export type PiKitErrorOf<Code extends PiKitErrorCode | RouteErrorCode> = Code extends PiKitErrorCode
  ? Extract<KnownPiKitError, { code: Code }>
  : RouteError;

/**
 * True when `value` is a pi-kit error (any `PiKitError`, also of the server adapters and the
 * simulator); given `code`, one with that code, narrowed to its class:
 * `if (isPiKitError(error, 'server_request_failed')) error.status`. `code` is one of core's codes
 * (`PiKitErrorCode`) or a route error code (`RouteErrorCode`): a misspelt code does not compile.
 * For the codes of other packages' errors, use their class (`error instanceof A2UError`).
 */
export function isPiKitError(value: unknown): value is PiKitError;
export function isPiKitError<Code extends PiKitErrorCode | RouteErrorCode>(value: unknown, code: Code): value is PiKitErrorOf<Code>;
export function isPiKitError(value: unknown, code?: string): boolean {
  return value instanceof PiKitError && (code === undefined || value.code === code);
}
