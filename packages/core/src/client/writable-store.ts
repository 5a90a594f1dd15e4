import type { StoreApi } from 'zustand/vanilla';
import type { PiClientState } from '../store/state';
import type { ReadonlyPiStore } from './pi-client';

/** The writable store behind each client's read-only `store`, for core's functions that take a client. */
const stores = new WeakMap<ReadonlyPiStore, StoreApi<PiClientState>>();

/** Records `store` as the writable store of `readonly` (a client's `store`). Internal. */
export function registerStore(readonly: ReadonlyPiStore, store: StoreApi<PiClientState>): ReadonlyPiStore {
  stores.set(readonly, store);
  return readonly;
}

/**
 * The writable store of a client made by `createPiClient` (or `createBarePiClient`), found by its
 * `store` (so a copy of the client object finds it too); `undefined` for anything else. Internal.
 */
export function writableStore(client: { readonly store: ReadonlyPiStore }): StoreApi<PiClientState> | undefined {
  const readonly = (client as { store?: unknown } | null | undefined)?.store;
  return typeof readonly === 'object' && readonly !== null ? stores.get(readonly as ReadonlyPiStore) : undefined;
}
