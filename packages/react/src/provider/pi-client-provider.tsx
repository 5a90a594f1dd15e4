'use client';
import type { PiClient, Scope } from '@pi-kit/core';
import { useEffect, type ReactNode } from 'react';
import { PiClientContext } from './pi-context';

/** Props of {@link PiClientProvider}. */
export interface PiClientProviderProps {
  /** The client the hooks below use: made with `createBarePiClient` or `createPiClient` (you own it). */
  client: PiClient;
  children?: ReactNode;
  /**
   * Signs the user in when the provider mounts (`client.authenticate(scopes)`), if
   * nobody is signed in yet: `true` asks for core's default scopes
   * (`['username', 'payments']`), an array for those scopes. Pi recommends
   * authenticating early: it is how incomplete payments are found and recovered.
   * Default `false` (sign in with `usePiAuth().signIn`).
   */
  autoSignIn?: boolean | Scope[];
}

/**
 * Makes `client` available to the hooks below it (`usePiAuth`, `usePayment`, `usePiSdk`, …),
 * as `<PiProvider client={client}>` does, without importing `createPiClient`: with a client from
 * `createBarePiClient`, an app that ships its own `<script>` and transport bundles neither Pi's
 * script loader nor the fetch transport.
 *
 * - SSR: rendering it touches neither `window` nor the SDK; the hooks render the
 *   client's initial state on the server and during hydration, so the markup matches.
 * - On mount (in the browser only) it initialises the Pi SDK (`client.init()`:
 *   `Pi.init({ version: "2.0", sandbox })`) and, with `autoSignIn`, authenticates. Both are
 *   shared promises in core, so React StrictMode's double effects call `Pi.init` and
 *   `Pi.authenticate` once.
 *
 * Failures do not throw here: they are in the store (`usePiSdk().error`, `usePiAuth().error`).
 *
 * ```tsx
 * const client = createBarePiClient({ sandbox: false, transport: createFetchTransport() });
 * <PiClientProvider client={client} autoSignIn>
 *   <App />
 * </PiClientProvider>
 * ```
 */
export function PiClientProvider({ client, autoSignIn = false, children }: PiClientProviderProps) {
  // The effect re-runs when the requested scopes change, not when an equal array is passed again.
  const signInKey = autoSignIn === false ? null : JSON.stringify(autoSignIn === true ? null : autoSignIn);

  useEffect(() => {
    client.init().catch(() => undefined); // the failure is in client.store (sdk.status, sdk.error)
    if (signInKey !== null && client.store.getState().auth.status === 'idle') {
      const scopes = JSON.parse(signInKey) as Scope[] | null;
      client.authenticate(scopes ?? undefined).catch(() => undefined); // the failure is in client.store (auth.error)
    }
  }, [client, signInKey]);

  return <PiClientContext.Provider value={client}>{children}</PiClientContext.Provider>;
}
