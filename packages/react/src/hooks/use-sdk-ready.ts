'use client';
import { useStore } from 'zustand';
import type { PiClient } from '@pi-kit/core';

/** True once the client's SDK is initialised (re-renders only when that changes). Internal. */
export function useSdkReady(client: PiClient): boolean {
  return useStore(client.store, (state) => state.sdk.status === 'ready');
}
