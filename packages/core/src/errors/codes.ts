/**
 * Every stable error `code` pi-kit's browser core uses, in one place, so apps can
 * branch on them (`switch (error.code)`) and the compiler checks the spelling.
 */
export type PiKitErrorCode =
  // loading and init
  | 'sdk_load_failed'
  | 'sdk_unavailable'
  | 'not_initialized'
  | 'unsupported_version'
  | 'sdk_call_failed'
  // authentication
  | 'pi_browser_required'
  | 'authentication_failed'
  | 'not_authenticated'
  | 'invalid_scopes'
  // payments
  | 'invalid_payment_data'
  | 'payment_in_progress'
  | 'payment_cancelled'
  | 'approval_failed'
  | 'completion_failed'
  | 'incomplete_payment'
  | 'payment_expired'
  | 'payment_error'
  | 'invalid_transition'
  // transport
  | 'server_request_failed'
  // configuration
  | 'invalid_option';
