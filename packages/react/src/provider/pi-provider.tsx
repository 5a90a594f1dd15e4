'use client';
import { createPiClient, type PiClient, type PiClientOptions } from '@pi-kit/core';
import { useState } from 'react';
import { PiProviderPropsError } from '../errors/provider-props-error';
import { PiClientProvider, type PiClientProviderProps } from './pi-client-provider';

/** Props of {@link PiProvider}: exactly one of `client` or `options`, and those of {@link PiClientProvider}. */
export type PiProviderProps = Omit<PiClientProviderProps, 'client'> &
  (
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
 * `usePiAuth().error`). It imports `createPiClient` (with Pi's script loader and the fetch
 * transport); an app that ships its own `<script>` and transport uses `createBarePiClient` and
 * {@link PiClientProvider} instead.
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
  const { client: given, options, ...rest } = props;
  if (!given === !options)
    throw new PiProviderPropsError(given ? 'was given both `client` and `options`' : 'was given neither `client` nor `options`');
  // One client per provider, created on first render; `options` is read once (like a useState initialiser).
  const [own] = useState<PiClient | null>(() => (given ? null : createPiClient(options as PiClientOptions)));
  return <PiClientProvider client={given ?? (own as PiClient)} {...rest} />;
}
