import type { PaymentData, PaymentDTO } from '@pi-kit/core';
import type { PiNetwork } from '@pi-kit/simulator';
import { act } from '@testing-library/react';
import { vi } from 'vitest';

/** A payment's data as a shop sends it (amount in π). */
export const KITTEN: PaymentData = { amount: 3.14, memo: 'Kitten #1234', metadata: { orderId: 1234 } };

/** Fake only the timers (the simulator's callback re-invocations, core's timeouts), not microtasks or the scheduler. */
export function useFakeTimers(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

/** Advances the fake clock inside `act`, running the promises in between. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** Lets pending promises (the simulator, the transport) settle inside `act`. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });
}

/**
 * Makes `username` a payment that is incomplete, as Pi reports it through
 * `onIncompletePaymentFound`: approved, paid on the blockchain, not completed by the app.
 */
export function makeIncompletePayment(network: PiNetwork, username: string, data: PaymentData = KITTEN): PaymentDTO {
  const created = network.createPayment(username, data);
  network.approvePayment(created.identifier);
  return network.submitTransaction(created.identifier);
}

/** The SDK callbacks the simulated `window.Pi` invoked, in order (from the network's event log). */
export function callbacks(network: PiNetwork, name?: string): Array<{ callback: string; paymentId?: string }> {
  return network.events
    .filter((event) => event.type === 'sdk.callback')
    .map((event) => event as unknown as { callback: string; paymentId?: string })
    .filter((event) => name === undefined || event.callback === name);
}

/** How many `app.<route>` requests the simulated app server answered with `status`. */
export function appCalls(network: PiNetwork, route: string, status?: number): number {
  return network.events.filter(
    (event) => event.type === `app.${route}` && (status === undefined || (event as { status?: number }).status === status),
  ).length;
}
