export { PiKitError, type PiKitErrorOptions } from './base';
export type { PiKitErrorCode } from './codes';
export { normalizeSdkError } from './normalize';
export { isPiKitError } from './is-pi-kit-error';
export {
  AuthenticationError,
  InvalidScopesError,
  NotAuthenticatedError,
  NotInitializedError,
  PiBrowserRequiredError,
  SdkCallError,
  SdkLoadError,
  SdkUnavailableError,
  UnsupportedVersionError,
  type SdkLoadFailure,
} from './sdk';
export {
  ApprovalFailedError,
  CompletionFailedError,
  IncompletePaymentError,
  InvalidPaymentDataError,
  InvalidTransitionError,
  PaymentCancelledError,
  PaymentError,
  PaymentExpiredError,
  PaymentInProgressError,
  type PaymentDataField,
} from './payment';
export { ServerRequestError } from './transport';
export { InvalidOptionError } from './options';
