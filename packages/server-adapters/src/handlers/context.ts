import type { AppNetwork } from '@pi-kit/core';
import type { PiPlatformClient } from '../platform/client';
import type { PaymentStore } from '../store/types';
import type { PaymentHandlersOptions } from './options';

/** Everything a route needs, resolved once by `createPaymentHandlers`. */
export interface HandlerContext {
  options: PaymentHandlersOptions;
  network: AppNetwork;
  platform: PiPlatformClient;
  store: PaymentStore;
  horizonUrl: string;
  leaseMs: number;
  waitMs: number;
  now: () => number;
  /** A fresh claim owner id. */
  owner(): string;
}

export function newOwner(): string {
  return globalThis.crypto.randomUUID();
}

/** Polls every 20 ms until `check` returns a value or `waitMs` passed. */
export async function waitFor<T>(ctx: HandlerContext, check: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + ctx.waitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Calls the app's onError, never letting it throw. */
export function report(ctx: HandlerContext, error: unknown, route: string, paymentId?: string): void {
  try {
    ctx.options.onError?.(error, { route, paymentId });
  } catch {
    // a failing logger must not change the answer
  }
}
