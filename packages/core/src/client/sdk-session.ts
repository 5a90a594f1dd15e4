import { PiKitError } from '../errors/base';
import { normalizeSdkError } from '../errors/normalize';
import { NotInitializedError, SdkCallError, SdkLoadError, SdkUnavailableError, UnsupportedVersionError } from '../errors/sdk';
import { PI_SDK_URL } from '../contract/pi-urls';
import type { PiClientState } from '../store/state';
import type { PiSdk } from '../types/sdk';
import { inFlight } from '../util/in-flight';
import type { ClientContext } from './context';
import { SUPPORTED_SDK_VERSIONS } from './options';
import { DEV } from '../env/development';

/** The client's SDK: loaded and initialised once. Internal. */
export interface SdkSession {
  /** Loads the SDK and calls `Pi.init` once; every caller shares the promise; a failure can be retried. */
  init(): Promise<PiSdk>;
  /** The initialised SDK, or `null`. */
  current(): PiSdk | null;
  /** The initialised SDK. @throws {NotInitializedError} before `init` succeeded. */
  require(method: string): PiSdk;
}

/**
 * Creates the SDK session of a client (Pi SDK reference, `Pi.init`), updating `state.sdk`.
 */
export function createSdkSession(ctx: ClientContext): SdkSession {
  let sdk: PiSdk | null = null;
  /** The init under way, or done: a failed one is forgotten, so init() can be retried. */
  const pending = new Map<0, Promise<PiSdk>>();
  const setSdk = (patch: Partial<PiClientState['sdk']>) => ctx.store.setState((s) => ({ sdk: { ...s.sdk, ...patch } }));
  const sdkUrl = ctx.options.sdkUrl ?? PI_SDK_URL;

  async function run(): Promise<PiSdk> {
    const fail = (error: PiKitError, status: 'error' | 'unavailable' = 'error'): never => {
      setSdk({ status, error });
      throw error;
    };
    const { version, sandbox } = ctx;
    if (!(SUPPORTED_SDK_VERSIONS as readonly string[]).includes(version))
      fail(new UnsupportedVersionError(version, SUPPORTED_SDK_VERSIONS));
    setSdk({ status: 'loading', error: null });
    let loaded: PiSdk | null = null;
    try {
      loaded = await ctx.loadSdk();
    } catch (cause) {
      fail(cause instanceof PiKitError ? cause : new SdkLoadError('script_error', sdkUrl, { cause }));
    }
    if (!loaded) return fail(new SdkUnavailableError(), 'unavailable');
    try {
      await loaded.init({ version: version as '2.0', sandbox });
    } catch (thrown) {
      const cause = normalizeSdkError(thrown);
      fail(
        /version/i.test(cause.message)
          ? new UnsupportedVersionError(version, SUPPORTED_SDK_VERSIONS, { cause })
          : new SdkCallError('init', { cause }),
      );
    }
    if (sandbox && ctx.environment === 'browser') {
      ctx.logger.warn(
        DEV
          ? "sandbox: true but the page is not framed: Pi's sandbox runs apps inside the developer portal. Authentication will likely fail here."
          : 'sandbox: true, page not framed',
      );
    }
    sdk = loaded;
    setSdk({ status: 'ready', error: null });
    return loaded;
  }

  return {
    init: () => inFlight(pending, 0, run, true),
    current: () => sdk,
    require(method) {
      if (!sdk) throw new NotInitializedError(method);
      return sdk;
    },
  };
}
