import type { StoreApi } from 'zustand/vanilla';
import type { PaymentTransport } from '../contract/transport';
import { detectPiEnvironment, type PiEnvironmentHint } from '../env/environment';
import type { PiKitError } from '../errors/base';
import { InvalidOptionError } from '../errors/options';
import type { InvalidTransitionError } from '../errors/payment';
import type { PaymentEvent } from '../payment/events';
import type { PaymentSnapshot } from '../payment/snapshot';
import { createClientStore } from '../store/create-client-store';
import type { PiClientState } from '../store/state';
import type { PiSdk } from '../types/sdk';
import { consoleLogger, silentLogger, type PaymentConcurrency, type PiClientOptions, type PiKitLogger } from './options';
import { checkOption } from '../util/check-option';
import { describeValue } from '../util/describe-value';
import { DEV } from '../env/development';

/** The default `authTimeoutMs`: 10 s, far below the SDK's own 60–120 s hang outside the Pi Browser. */
export const DEFAULT_AUTH_TIMEOUT_MS = 10_000;

/** The default `sdkRetryTimeoutMs`: three of the SDK's ~10 s re-invocation periods. */
export const DEFAULT_SDK_RETRY_TIMEOUT_MS = 30_000;

/**
 * Where a client gets the SDK and the transport when its options do not give them: `createPiClient`'s
 * defaults load Pi's script and use the fetch transport; `createBarePiClient`'s cost nothing (the
 * page's own `window.Pi`, and no transport: it must be given). Internal.
 */
export interface ClientDefaults {
  /** The SDK when `options.sdk` is not given: resolves with it, or `null` where there is no browser. */
  sdk(options: PiClientOptions): Promise<PiSdk | null>;
  /** The transport when `options.transport` is not given. @throws {InvalidOptionError} when there is none. */
  transport(options: PiClientOptions): PaymentTransport;
}

/** What the parts of a client share: the checked options with their defaults, and the store. Internal. */
export interface ClientContext {
  readonly options: PiClientOptions;
  readonly sandbox: boolean;
  readonly version: string;
  readonly logger: PiKitLogger;
  readonly authTimeoutMs: number;
  readonly sdkRetryTimeoutMs: number;
  readonly concurrency: PaymentConcurrency;
  readonly transport: PaymentTransport;
  /** The SDK: `options.sdk` (a `PiSdk` or a function resolving to one), else the default's. */
  loadSdk(): Promise<PiSdk | null>;
  readonly environment: PiEnvironmentHint;
  readonly store: StoreApi<PiClientState>;
  readonly onInvariantViolation: (error: InvalidTransitionError, context: { state: PaymentSnapshot; event: PaymentEvent }) => void;
  /** The current user's access token, if signed in. */
  accessToken(): string | undefined;
}

/** The types of the options checked by `typeof` (`logger`, `onPaymentConcurrency` and the timeouts have checks of their own). */
const OPTION_TYPES: Array<[keyof PiClientOptions, string]> = [
  ['sdk', 'object function'],
  ['sdkUrl', 'string'],
  ['version', 'string'],
  ['transport', 'object'],
  ['serverUrl', 'string'],
  ['basePath', 'string'],
  ['onInvariantViolation', 'function'],
];

/**
 * Checks a client's options and creates the shared context, with `defaults` for the SDK and the transport.
 * @throws {InvalidOptionError} see `createPiClient`.
 */
export function createClientContext(options: PiClientOptions, defaults: ClientDefaults): ClientContext {
  if (typeof options?.sandbox !== 'boolean') {
    throw new InvalidOptionError(
      'sandbox',
      DEV ? "set it explicitly: true when the app runs in Pi's sandbox (developer portal), else false. It is never guessed." : '',
    );
  }
  const concurrency = options.onPaymentConcurrency ?? 'reject';
  if (!['reject', 'wait', 'replace'].includes(concurrency)) {
    throw new InvalidOptionError(
      'onPaymentConcurrency',
      DEV ? `use 'reject', 'wait' or 'replace', got ${describeValue(concurrency)}.` : '',
    );
  }
  for (const [name, types] of OPTION_TYPES) checkOption(name, options[name], types);
  const given = options.logger;
  // Not given (or null), false, or an object with warn and error functions.
  if (
    given != null &&
    given !== false &&
    (typeof given !== 'object' || typeof given.warn !== 'function' || typeof given.error !== 'function')
  ) {
    throw new InvalidOptionError('logger', DEV ? 'pass false (no logs) or an object with warn and error functions, e.g. console.' : '');
  }
  const logger: PiKitLogger = given === false ? silentLogger : (given ?? consoleLogger);
  const environment = detectPiEnvironment();
  const store = createClientStore({ sandbox: options.sandbox, environment });
  return {
    options,
    sandbox: options.sandbox,
    version: options.version ?? '2.0',
    logger,
    authTimeoutMs: positiveMs('authTimeoutMs', options.authTimeoutMs, DEFAULT_AUTH_TIMEOUT_MS),
    sdkRetryTimeoutMs: positiveMs('sdkRetryTimeoutMs', options.sdkRetryTimeoutMs, DEFAULT_SDK_RETRY_TIMEOUT_MS),
    concurrency,
    transport: options.transport ?? defaults.transport(options),
    loadSdk: async () => {
      const source = options.sdk;
      return typeof source === 'function' ? source() : (source ?? defaults.sdk(options));
    },
    environment,
    store,
    onInvariantViolation: options.onInvariantViolation ?? ((error: PiKitError) => logger.error(error.message, error)),
    accessToken: () => store.getState().auth.accessToken ?? undefined,
  };
}

/** A positive, finite number of milliseconds, or `fallback` when not given. */
function positiveMs(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(option, DEV ? `a positive number of milliseconds, got ${describeValue(value)}.` : '');
  }
  return value;
}
