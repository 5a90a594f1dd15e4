'use client';
import type { PiClientState } from '@pi-kit/core';
import { useStore } from 'zustand';
import { useClient } from './use-pi-client';

/**
 * Subscribes to a slice of the client's zustand store (core's `PiClientState`:
 * `{ sdk, auth, payment, incompletePayment, nativeFeatures }`), like zustand's
 * `useStore(store, selector)`: the component re-renders only when the selected
 * value changes (`Object.is`). A selector that builds a new object or array must
 * be wrapped in `useShallow` (from `zustand/react/shallow`, re-exported here).
 *
 * On the server and during hydration it reads the store's initial state, so the
 * server markup and the first client render match.
 *
 * @throws {PiProviderMissingError} outside a `<PiProvider>`.
 *
 * ```ts
 * const attempts = usePiStore((state) => state.payment?.approval.attempts ?? 0);
 * const { user, scopes } = usePiStore(useShallow((state) => ({ user: state.auth.user, scopes: state.auth.scopes })));
 * ```
 */
export function usePiStore<T>(selector: (state: PiClientState) => T): T {
  return useStore(useClient('usePiStore').store, selector);
}
