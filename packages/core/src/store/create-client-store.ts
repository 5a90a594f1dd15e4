import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PiEnvironmentHint } from '../env/environment';
import { NATIVE_FEATURES_UNKNOWN, SIGNED_OUT, type PiClientState } from './state';

/** Creates the zustand vanilla store of a Pi client in its initial state. */
export function createClientStore(init: { sandbox: boolean; environment: PiEnvironmentHint }): StoreApi<PiClientState> {
  return createStore<PiClientState>()(() => ({
    sdk: { status: 'idle', error: null, sandbox: init.sandbox, environment: init.environment, notInPiBrowser: null },
    auth: SIGNED_OUT,
    payment: null,
    incompletePayment: null,
    nativeFeatures: NATIVE_FEATURES_UNKNOWN,
  }));
}
