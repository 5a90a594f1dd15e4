import type { PiKitError } from '../errors/base';
import { SdkCallError } from '../errors/sdk';
import type { NativeFeaturesState } from '../store/state';
import type { NativeFeature } from '../types/sdk';
import { inFlight } from '../util/in-flight';
import type { ClientContext } from './context';
import { describeValue } from '../util/describe-value';
import { DEV } from '../env/development';

/**
 * Creates the client's `nativeFeaturesList()`: `Pi.nativeFeaturesList()` asked once
 * per client (the list does not change while the app runs), shown in
 * `state.nativeFeatures`. Concurrent callers share the request; a success is kept
 * (later calls resolve at once, without calling the SDK); a failure is shown and
 * the next call asks again. Each call resolves with its own copy of the list.
 *
 * Source: Pi SDK reference, `nativeFeaturesList`.
 *
 * @param ask the SDK call (`NotInitializedError` before `init`, `SdkCallError` when the SDK fails).
 */
export function createNativeFeatures(ctx: ClientContext, ask: () => Promise<NativeFeature[]>): () => Promise<NativeFeature[]> {
  /** The list asked for, or known: a failure is forgotten, so the next call asks again. */
  const list = new Map<0, Promise<readonly NativeFeature[]>>();
  const set = (nativeFeatures: NativeFeaturesState) => ctx.store.setState({ nativeFeatures });

  function load(): Promise<readonly NativeFeature[]> {
    set({ status: 'loading', features: null, error: null });
    const attempt = ask().then((answer) => {
      if (!Array.isArray(answer) || answer.some((feature) => typeof feature !== 'string')) {
        throw new SdkCallError('nativeFeaturesList', {
          details: DEV ? `Pi.nativeFeaturesList() resolved with ${describeValue(answer)}, not a list of feature names.` : 'not a list',
        });
      }
      const features = Object.freeze([...answer]);
      set({ status: 'ready', features, error: null });
      return features;
    });
    attempt.catch((error: PiKitError) => set({ status: 'error', features: null, error }));
    return attempt;
  }

  return async () => {
    return [...(await inFlight(list, 0, load, true))];
  };
}
