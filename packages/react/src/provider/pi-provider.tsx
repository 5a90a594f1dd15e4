'use client';
import { createPiClient, type PiClient, type PiClientOptions, type Scope } from '@pi-kit/core';
import { useEffect, useState, type ReactNode } from 'react';
import { PiProviderPropsError } from '../errors/provider-props-error';
import { PiClientContext } from './pi-context';

/** Props of {@link PiProvider}: exactly one of `client` or `options`. */
export type PiProviderProps = {
  children?: ReactNode;
  /**
   * Signs the user in when the provider mounts (`client.authenticate(scopes)`), if
   * nobody is signed in yet: `true` asks for core's default scopes
   * (`['username', 'payments']`), an array for those scopes. Pi recommends
   * authenticating early: it is how incomplete payments are found and recovered.
   * Default `false` (sign in with `usePiAuth().signIn`).
   */
  autoSignIn?: boolean | Scope[];
} & (
  | {
      /** A client made with `createPiClient` (you own it: share it, test it, call it outside React). */
      client: PiClient;
      options?: never;
    }
  | {
      /**
       * `createPiClient` options: the provider creates its own client once, on its first
       * render, and keeps it for its lifetime (later changes of `options` are ignored;
       * give the provider a new `key` to start over with new options).
       */
      options: PiClientOptions;
      client?: never;
    }
);

/**
 * Makes a Pi client available to the hooks below it (`usePiAuth`, `usePayment`,
 * `usePiSdk`, …). One client per provider, never a module singleton, so two
 * providers (or two tests) never share a user or a payment.
 *
 * - SSR: rendering it touches neither `window` nor the SDK; the hooks render the
 *   client's initial state on the server and during hydration, so the markup matches.
 * - On mount (in the browser only) it loads and initialises the Pi SDK
 *   (`client.init()`: `Pi.init({ version: "2.0", sandbox })`) and, with `autoSignIn`,
 *   authenticates. Both are shared promises in core, so React StrictMode's double
 *   effects call `Pi.init` and `Pi.authenticate` once.
 *
 * Failures do not throw here: they are in the store (`usePiSdk().error`,
 * `usePiAuth().error`).
 *
 * @throws {PiProviderPropsError} (`code: "invalid_provider_props"`) without `client` and `options`, or with both;
 * and whatever `createPiClient` throws for invalid options (e.g. `sandbox` not set).
 *
 * ```tsx
 * <PiProvider options={{ sandbox: false }} autoSignIn>
 *   <App />
 * </PiProvider>
 * ```
 */
export function PiProvider(props: PiProviderProps) {
  const { client: given, options, autoSignIn = false, children } = props;
  if (given && options) throw new PiProviderPropsError('was given both `client` and `options`');
  if (!given && !options) throw new PiProviderPropsError('was given neither `client` nor `options`');
  // One client per provider, created on first render; `options` is read once (like a useState initialiser).
  const [own] = useState<PiClient | null>(() => (given ? null : createPiClient(options as PiClientOptions)));
  const client = given ?? (own as PiClient);
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
