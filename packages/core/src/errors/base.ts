/**
 * The base of every error pi-kit throws.
 *
 * Each error has a stable `code` to branch on, a `shortMessage` that says what
 * went wrong and what to do, optional `details` (often the underlying error's
 * text), and the original error as `cause`.
 */
export interface PiKitErrorOptions {
  cause?: unknown;
  details?: string;
}

/**
 * The base class of pi-kit's errors: branch on `code` (see `PiKitErrorCode`), show
 * `shortMessage`, log `details` and `cause`. `message` is `shortMessage` plus the details.
 */
export class PiKitError<Code extends string = string> extends Error {
  override name = 'PiKitError';
  /** Stable, machine-readable error code, e.g. `"payment_cancelled"`. */
  readonly code: Code;
  /** One or two sentences: what failed and what to do. */
  readonly shortMessage: string;
  /** Extra context, e.g. the message of the underlying error. */
  readonly details: string | undefined;

  constructor(code: Code, shortMessage: string, options: PiKitErrorOptions = {}) {
    const details = options.details ?? detailsOf(options.cause);
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, { cause: options.cause });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = details;
  }
}

function detailsOf(cause: unknown): string | undefined {
  if (cause instanceof Error) return cause.message || undefined;
  if (typeof cause === 'string' && cause) return cause;
  return undefined;
}
