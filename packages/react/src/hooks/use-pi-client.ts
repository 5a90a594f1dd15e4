'use client';
import type { PiClient } from '@pi-kit/core';
import { useContext } from 'react';
import { PiProviderMissingError } from '../errors/provider-missing-error';
import { PiClientContext } from '../provider/pi-context';

/**
 * The `PiClient` of the nearest `<PiProvider>` (core's `createPiClient` result):
 * for what the hooks do not cover, e.g. `client.recoverIncompletePayment(payment)`
 * or subscribing to a `PaymentHandle`'s events.
 *
 * @throws {PiProviderMissingError} (`code: "pi_provider_missing"`) outside a `<PiProvider>`.
 */
export function usePiClient(): PiClient {
  return useClient('usePiClient');
}

/** `usePiClient` naming the calling hook in its error. Internal. */
export function useClient(hook: string): PiClient {
  const client = useContext(PiClientContext);
  if (!client) throw new PiProviderMissingError(hook);
  return client;
}
