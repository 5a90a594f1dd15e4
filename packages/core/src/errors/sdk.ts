/**
 * Errors of loading, initialising and calling the Pi browser SDK (`window.Pi`).
 *
 * The long "what to do" texts exist in development only (the `DEV` switch,
 * `env/development.ts`); production builds get the short `PiKitError` message with the code
 * (see docs/ERRORS.md).
 *
 * Source: Pi SDK reference (`Pi.init`, `Pi.authenticate`); docs/PI-PLATFORM.md ("The browser SDK").
 */
import { PiKitError, type PiKitErrorOptions } from './base';
import { DEV } from '../env/development';

/** Why {@link loadPiSdk} failed. */
export type SdkLoadFailure = 'script_error' | 'timeout' | 'missing_global';

/**
 * The Pi SDK script could not be loaded (`code: "sdk_load_failed"`): the script
 * failed (`reason: "script_error"`), did not load within `timeoutMs` (`"timeout"`),
 * or loaded without defining `window.Pi` (`"missing_global"`). Calling
 * `loadPiSdk` again retries.
 */
export class SdkLoadError extends PiKitError<'sdk_load_failed'> {
  declare readonly reason: SdkLoadFailure;
  declare readonly url: string;

  constructor(reason: SdkLoadFailure, url: string, options?: PiKitErrorOptions) {
    super(
      'sdk_load_failed',
      DEV
        ? `${
            reason === 'timeout'
              ? `The Pi SDK script ${url} did not load in time.`
              : reason === 'missing_global'
                ? `The script ${url} loaded but did not define window.Pi: check that the URL points at Pi's SDK (https://sdk.minepi.com/pi-sdk.js) or the simulator's /pi-sdk.js.`
                : `The Pi SDK script ${url} failed to load.`
          } Check the network and the URL, then call loadPiSdk() again to retry.`
        : '',
      options,
      { name: 'SdkLoadError', reason, url },
    );
  }
}

/**
 * There is no `document` to load the Pi SDK into (`code: "sdk_unavailable"`):
 * the code runs on a server (SSR) or in a worker. Load the SDK in the browser,
 * e.g. in an effect, or pass `onServer: 'null'` to get `null` instead.
 */
export class SdkUnavailableError extends PiKitError<'sdk_unavailable'> {
  constructor(options?: PiKitErrorOptions) {
    super(
      'sdk_unavailable',
      DEV
        ? 'The Pi SDK is not available here (no window/document: server-side rendering or a worker). Call the Pi client only in the browser, e.g. from an effect or an event handler.'
        : '',
      options,
      { name: 'SdkUnavailableError' },
    );
  }
}

/**
 * A Pi SDK method was called before `init` finished (`code: "not_initialized"`).
 * Await `client.init()` (or `client.authenticate()`, which initialises) first.
 */
export class NotInitializedError extends PiKitError<'not_initialized'> {
  declare readonly method: string;
  constructor(method: string, options?: PiKitErrorOptions) {
    super(
      'not_initialized',
      DEV
        ? `Pi.${method}() was called before the Pi SDK was ready. With <PiProvider>, wait until usePiSdk().isReady (or disable the action until then); with the client alone, await client.init() first.`
        : '',
      options,
      { name: 'NotInitializedError', method },
    );
  }
}

/**
 * `Pi.init` was asked for a version Pi's SDK does not support
 * (`code: "unsupported_version"`). The supported version is `"2.0"`.
 */
export class UnsupportedVersionError extends PiKitError<'unsupported_version'> {
  declare readonly version: string;
  constructor(version: string, supported: readonly string[], options?: PiKitErrorOptions) {
    super(
      'unsupported_version',
      DEV ? `Pi SDK version "${version}" is not supported. Use one of: ${supported.map((v) => `"${v}"`).join(', ')}.` : '',
      options,
      { name: 'UnsupportedVersionError', version },
    );
  }
}

/**
 * A call to the Pi SDK other than a payment failed (`code: "sdk_call_failed"`),
 * e.g. `openUrlInSystemBrowser` rejecting with "Failed to open URL" or
 * "No minimal requirements", or an SDK without `Pi.Ads`. `method` names the call;
 * `cause` holds what the SDK threw.
 */
export class SdkCallError extends PiKitError<'sdk_call_failed'> {
  declare readonly method: string;
  constructor(method: string, options?: PiKitErrorOptions) {
    super('sdk_call_failed', DEV ? `Pi.${method}() failed. It usually needs a recent Pi Browser; see details.` : '', options, {
      name: 'SdkCallError',
      method,
    });
  }
}

/**
 * `Pi.authenticate` did not settle within `authTimeoutMs` (`code: "pi_browser_required"`).
 * Outside the Pi Browser (or the developer portal's sandbox) the SDK never answers,
 * so the app most likely runs in an ordinary browser: open it in the Pi Browser,
 * or for development use `sandbox: true` inside Pi's sandbox, or the simulator.
 */
export class PiBrowserRequiredError extends PiKitError<'pi_browser_required'> {
  declare readonly timeoutMs: number;
  constructor(timeoutMs: number, options?: PiKitErrorOptions) {
    super(
      'pi_browser_required',
      DEV
        ? `Pi.authenticate() did not answer within ${timeoutMs} ms: the app is probably not running in the Pi Browser. Open it in the Pi Browser (or in Pi's sandbox with sandbox: true), or use @pi-kit/simulator in development.`
        : '',
      options,
      { name: 'PiBrowserRequiredError', timeoutMs },
    );
  }
}

/**
 * `Pi.authenticate` rejected (`code: "authentication_failed"`). Common causes: a
 * `sandbox` flag that does not match where the app runs, or the user declining.
 * `cause` holds what the SDK rejected with.
 */
export class AuthenticationError extends PiKitError<'authentication_failed'> {
  constructor(options?: PiKitErrorOptions) {
    super(
      'authentication_failed',
      DEV
        ? 'Pi authentication failed. Check that the sandbox option matches where the app runs (sandbox: true only inside the developer portal sandbox), then ask the user to sign in again.'
        : '',
      options,
      { name: 'AuthenticationError' },
    );
  }
}

/**
 * An action that needs a signed-in user ran before `authenticate` succeeded
 * (`code: "not_authenticated"`), or without the scope it needs (e.g. payments
 * need the `payments` scope). Call `client.authenticate([...scopes])` first.
 */
export class NotAuthenticatedError extends PiKitError<'not_authenticated'> {
  declare readonly missingScope: string | undefined;
  constructor(action: string, missingScope?: string, options?: PiKitErrorOptions) {
    super(
      'not_authenticated',
      DEV
        ? missingScope
          ? `${action} needs the "${missingScope}" scope. Call client.authenticate(['${missingScope}', ...]) first.`
          : `${action} needs a signed-in user. Await client.authenticate(['payments', ...]) first.`
        : '',
      options,
      { name: 'NotAuthenticatedError', missingScope },
    );
  }
}

/**
 * The scopes passed to `authenticate` are not a non-empty array of non-empty
 * strings (`code: "invalid_scopes"`). Documented scopes: `username`, `payments`,
 * `wallet_address`.
 */
export class InvalidScopesError extends PiKitError<'invalid_scopes'> {
  constructor(problem: string, options?: PiKitErrorOptions) {
    super(
      'invalid_scopes',
      DEV ? `Invalid scopes for Pi.authenticate(): ${problem}. Pass an array such as ['username', 'payments'].` : '',
      options,
      { name: 'InvalidScopesError' },
    );
  }
}
