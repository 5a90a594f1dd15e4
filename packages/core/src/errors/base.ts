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
 *
 * In development (core's `development` build, or `process.env.NODE_ENV !== 'production'`) pi-kit's own errors say
 * what went wrong and what to do. In production builds those texts are left out to
 * keep the bundle small: `shortMessage` is then
 * `pi-kit error <code>; see "Errors" in the @pi-kit/core README`, and each code is
 * explained there and in docs/ERRORS.md. `code`, `cause`, `details` and every other
 * field are the same in both.
 */
export class PiKitError<Code extends string = string> extends Error {
  /** Stable, machine-readable error code, e.g. `"payment_cancelled"`. */
  declare readonly code: Code;
  /** One or two sentences: what failed and what to do. */
  declare readonly shortMessage: string;
  /** Extra context, e.g. the message of the underlying error. */
  declare readonly details: string | undefined;

  /**
   * @param shortMessage what failed and what to do; when empty (pi-kit's production
   * builds), a pointer to the documentation of `code`.
   * @param fields internal: the own fields of a pi-kit subclass, its `name` first.
   */
  constructor(code: Code, shortMessage: string, options: PiKitErrorOptions = {}, fields?: object) {
    const { cause } = options;
    // A pi-kit cause passes on its details (e.g. the app server's code and message), which production
    // builds keep; any other cause its message.
    const details =
      options.details ??
      ((cause instanceof PiKitError && cause.details) ||
        (cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : '') ||
        undefined);
    shortMessage ||= `pi-kit error ${code}; see "Errors" in the @pi-kit/core README`;
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, { cause });
    Object.assign(this, { name: 'PiKitError', code, shortMessage, details }, fields);
  }
}
