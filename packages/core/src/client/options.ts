import type { PaymentTransport } from '../contract/transport';
import type { InvalidTransitionError } from '../errors/payment';
import type { PaymentEvent } from '../payment/events';
import type { PaymentSnapshot } from '../payment/snapshot';
import type { PiSdk } from '../types/sdk';

/** Where pi-kit reports warnings and errors it handled. Default: `console` with a `[pi-kit]` prefix. */
export interface PiKitLogger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** The Pi SDK versions `Pi.init` accepts. */
export const SUPPORTED_SDK_VERSIONS = ['2.0'] as const;

/**
 * What `createPayment` does while this client already has an open payment:
 * - `'reject'` (default): the new handle fails at once with `PaymentInProgressError`;
 *   the open one goes on (double clicks cost nothing);
 * - `'wait'`: the new payment starts when the open one ended;
 * - `'replace'`: the new payment starts now; per Pi (payments.md) the SDK cancels the
 *   open one if the user has not paid yet, else rejects the new one with `IncompletePaymentError`.
 */
export type PaymentConcurrency = 'reject' | 'wait' | 'replace';

/** Options of `createPiClient`. */
export interface PiClientOptions {
  /**
   * Whether the app runs in Pi's sandbox (`Pi.init({ sandbox })`). Required and never
   * guessed from `NODE_ENV`: a flag that does not match where the app runs breaks
   * authentication.
   */
  sandbox: boolean;
  /**
   * The SDK to use: a `PiSdk` (e.g. a simulator's), or a function resolving to one.
   * Default: `loadPiSdk({ url: sdkUrl })` (`window.Pi`, loading Pi's script if needed);
   * `createBarePiClient`'s: the page's own `window.Pi`, never loaded.
   */
  sdk?: PiSdk | (() => Promise<PiSdk | null>);
  /** URL of the SDK script when `sdk` is not given. Default `https://sdk.minepi.com/pi-sdk.js`. */
  sdkUrl?: string;
  /** Milliseconds to wait for the SDK script. Default 20 000. */
  sdkLoadTimeoutMs?: number;
  /** The `version` for `Pi.init`. Default and only supported value: `"2.0"`. */
  version?: string;
  /**
   * How to reach the app server's payment routes. Default `createFetchTransport({ baseUrl: serverUrl, basePath })`;
   * required by `createBarePiClient`.
   */
  transport?: PaymentTransport;
  /** Origin of the app server for the default transport. Default `""` (same origin). */
  serverUrl?: string;
  /** Where the server mounted the routes, for the default transport. Default `"/api/pi"`. */
  basePath?: string;
  /**
   * Milliseconds after which an unsettled `Pi.authenticate` rejects with
   * `PiBrowserRequiredError` (outside the Pi Browser it never settles). Default 10 000.
   */
  authTimeoutMs?: number;
  /**
   * After a failed Server-Side Completion, how long to wait for the SDK's next
   * `onReadyForServerCompletion` (Pi re-invokes it about every 10 s) before concluding
   * that its completion timer ended: the payment then ends `failed` with
   * `CompletionFailedError` (it stays incomplete at Pi and is recovered through
   * `onIncompletePaymentFound`). Default 30 000 ms.
   */
  sdkRetryTimeoutMs?: number;
  /** See {@link PaymentConcurrency}. Default `'reject'`. */
  onPaymentConcurrency?: PaymentConcurrency;
  /** Where to report handled problems. `false` silences them. Default `console`. */
  logger?: PiKitLogger | false;
  /**
   * Called with every impossible payment transition (a bug or a non-conforming SDK).
   * Default: `logger.error`.
   */
  onInvariantViolation?: (error: InvalidTransitionError, context: { state: PaymentSnapshot; event: PaymentEvent }) => void;
  /** Throw impossible transitions. Default: in development (see "Development and production messages" in docs/ERRORS.md). */
  strict?: boolean;
}

/** The console-backed default logger. */
export const consoleLogger: PiKitLogger = {
  warn: (message, ...details) => console.warn(`[pi-kit] ${message}`, ...details),
  error: (message, ...details) => console.error(`[pi-kit] ${message}`, ...details),
};

/** A logger that drops everything. */
export const silentLogger: PiKitLogger = { warn: () => undefined, error: () => undefined };
