import type { PiKitError } from '../errors/base';
import { SdkCallError } from '../errors/sdk';
import type { NativeFeaturesState } from '../store/state';
import type { NativeFeature } from '../types/sdk';
import { inFlight } from '../util/in-flight';
import { describeValue } from '../util/describe-value';
import type { PiClient } from '../client/pi-client';
import { writableStore } from '../client/writable-store';
import { callSdk } from './call-sdk';
import { DEV } from '../env/development';

/** Per client (by its writable store): the list asked for, or known. A failure is forgotten, so the next call asks again. */
const lists = new WeakMap<object, Map<0, Promise<readonly NativeFeature[]>>>();

/**
 * The Pi Browser's native features (`inline_media`, `request_permission`, `ad_network`):
 * `Pi.nativeFeaturesList()`, asked once per client (the list does not change while the app runs)
 * and shown in the client's `state.nativeFeatures` (`{ status: 'idle'|'loading'|'ready'|'error',
 * features, error }`). Concurrent calls share one request; later calls resolve at once with the
 * kept list, a new copy each time; after a failure the next call asks again. A function taking
 * the client, so an app that does not use it ships none of it.
 *
 * ```ts
 * if ((await nativeFeaturesList(client)).includes('ad_network')) showAdButton();
 * ```
 *
 * Source: Pi SDK reference, `nativeFeaturesList`.
 * @throws {NotInitializedError} (`code: "not_initialized"`) before `client.init()` succeeded.
 * @throws {SdkCallError} (`code: "sdk_call_failed"`, `method: "nativeFeaturesList"`) when the SDK
 * fails (e.g. an old Pi Browser) or answers something other than a list of feature names.
 */
export async function nativeFeaturesList(client: PiClient): Promise<NativeFeature[]> {
  const store = writableStore(client);
  const set = (nativeFeatures: NativeFeaturesState) => store?.setState({ nativeFeatures });
  let requests = store && lists.get(store);
  if (store && !requests) {
    requests = new Map();
    lists.set(store, requests);
  }

  function load(): Promise<readonly NativeFeature[]> {
    set({ status: 'loading', features: null, error: null });
    const attempt = callSdk(client, 'nativeFeaturesList', async (pi) => {
      const answer: unknown = await pi.nativeFeaturesList();
      if (!Array.isArray(answer) || answer.some((feature) => typeof feature !== 'string')) {
        throw new SdkCallError('nativeFeaturesList', {
          details: DEV ? `Pi.nativeFeaturesList() resolved with ${describeValue(answer)}, not a list of feature names.` : 'not a list',
        });
      }
      const features = Object.freeze([...answer]) as readonly NativeFeature[];
      set({ status: 'ready', features, error: null });
      return features;
    });
    attempt.catch((error: PiKitError) => set({ status: 'error', features: null, error }));
    return attempt;
  }

  return [...(await inFlight(requests ?? new Map(), 0, load, true))];
}
