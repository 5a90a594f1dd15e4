import type { AppNetwork, PaymentDTO, UserDTO } from '@pi-kit/core';
import { PiApiError } from '../platform/errors';
import type { PiPlatformClient } from '../platform/client';
import type { PaymentStore } from '../store/types';
import type { PaymentHandlersOptions } from './options';
import { RouteError } from './route-error';

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

/** Turns a failed Platform API call into the route's answer. */
export function fromPiError(error: unknown, what: string): never {
  if (!(error instanceof PiApiError)) throw error;
  if (error.code === 'timeout') throw new RouteError(504, 'pi_timeout', `Pi's API did not answer in time (${what}). Try again.`, { cause: error });
  if (error.code === 'network_error' || error.code === 'http_error' || error.code === 'invalid_response' || (error.status ?? 500) >= 500) {
    throw new RouteError(502, 'pi_unavailable', `Pi's API is unavailable (${what}). Try again.`, { cause: error });
  }
  if (error.status === 404) throw new RouteError(404, 'payment_not_found', `Pi does not know this payment (${what}).`, { cause: error });
  throw new RouteError(502, `pi_${error.code}`, `Pi's API refused ${what}: ${error.errorMessage ?? error.code}.`, { cause: error });
}

/** `GET /v2/me`: the verified user of an access token. 401 `invalid_token` when Pi rejects it. */
export async function verifyUser(ctx: HandlerContext, accessToken: string): Promise<UserDTO> {
  try {
    return await ctx.platform.me(accessToken);
  } catch (error) {
    if (error instanceof PiApiError && (error.status === 401 || error.status === 403)) {
      throw new RouteError(401, 'invalid_token', 'The access token is missing, expired or forged: sign in again (Pi.authenticate) and retry.', { cause: error });
    }
    return fromPiError(error, 'verifying the access token');
  }
}

/** `GET /v2/payments/{id}`: the payment as Pi knows it (never as the browser says). */
export async function readPayment(ctx: HandlerContext, paymentId: string): Promise<PaymentDTO> {
  try {
    return await ctx.platform.getPayment(paymentId);
  } catch (error) {
    return fromPiError(error, `reading payment ${paymentId}`);
  }
}

/** Refuses an app-to-user payment or one of another network (403). */
export function assertU2A(ctx: HandlerContext, payment: PaymentDTO): void {
  if (payment.direction !== 'user_to_app') {
    throw new RouteError(403, 'wrong_direction', `Payment ${payment.identifier} is an app-to-user (A2U) payment; only user-to-app payments go through these routes.`);
  }
  if (payment.network !== ctx.network) {
    throw new RouteError(403, 'wrong_network', `Payment ${payment.identifier} is on "${payment.network}", but this app runs on "${ctx.network}".`);
  }
}

/** Refuses a payment of another user than the verified one (403 `payment_user_mismatch`). */
export function assertOwnedBy(payment: PaymentDTO, user: UserDTO): void {
  if (payment.user_uid !== user.uid) {
    throw new RouteError(403, 'payment_user_mismatch', `Payment ${payment.identifier} belongs to another user than the signed-in one.`);
  }
}

export function isCancelled(payment: PaymentDTO): boolean {
  return payment.status.cancelled || payment.status.user_cancelled;
}

/** Calls the app's onError, never letting it throw. */
export function report(ctx: HandlerContext, error: unknown, route: string, paymentId?: string): void {
  try {
    ctx.options.onError?.(error, { route, paymentId });
  } catch {
    // a failing logger must not change the answer
  }
}
