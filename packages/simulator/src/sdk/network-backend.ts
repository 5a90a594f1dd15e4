/**
 * The in-process {@link SdkBackend}: calls a `PiNetwork` directly and watches
 * payments through its event log (synchronously, so callbacks follow the
 * network's changes without polling).
 */
import type { PaymentDTO } from '@pi-kit/core';
import type { PiNetwork, SimEvent } from '../engine/types';
import type { PaymentCancelReason, PaymentState, SdkBackend, SdkLogEntry } from './backend';

/** An {@link SdkBackend} over `network`, in the same process. */
export function createNetworkBackend(network: PiNetwork): SdkBackend {
  const stateOf = (paymentId: string): PaymentState | null => {
    const payment = network.getPayment(paymentId);
    return payment ? { payment, cancelReason: cancelReasonOf(network, payment) } : null;
  };
  return {
    timings: async () => {
      const { approvalTimeoutMs, callbackRetryMs, completionTimeoutMs } = network.timings;
      return { approvalTimeoutMs, callbackRetryMs, completionTimeoutMs };
    },
    authenticate: async (user, scopes) => network.authenticate(user, scopes),
    createPayment: async (user, data) => network.createPayment(user, data),
    paymentState: async (paymentId) => stateOf(paymentId),
    incompletePaymentOf: async (user) => network.incompletePaymentOf(user),
    openPaymentOf: async (user) => network.openPaymentOf(user),
    submitTransaction: async (paymentId) => network.submitTransaction(paymentId),
    cancelByUser: async (paymentId, reason) => network.cancelByUser(paymentId, reason),
    expire: async (paymentId) => {
      network.sweep();
      const state = stateOf(paymentId);
      // The network's clock may lag the SDK's timers (a custom `now`): Pi would have expired it by now.
      if (state && isOpenAndUnapproved(state.payment)) return { payment: network.cancelPayment(paymentId), cancelReason: 'expired' };
      return state;
    },
    balanceOf: async (user) => network.balanceOf(network.user(user).walletAddress),
    showAd: async (_user, type) => ({ adId: type === 'rewarded' ? network.createRewardedAd().identifier : null }),
    watchPayment(paymentId, listener) {
      return network.on((event) => {
        const payment = paymentOf(event);
        if (!payment || payment.identifier !== paymentId) return;
        listener({ payment: structuredClone(payment), cancelReason: event.type === 'payment.cancelled' ? event.reason : null });
      });
    },
    log: (entry) => {
      network.log(toEvent(entry));
    },
  };
}

function isOpenAndUnapproved(payment: PaymentDTO): boolean {
  const { status } = payment;
  return !status.developer_approved && !status.cancelled && !status.user_cancelled && !status.developer_completed;
}

/** The payment an engine event is about, if any. */
function paymentOf(event: SimEvent): PaymentDTO | undefined {
  return 'payment' in event && event.type.startsWith('payment.') ? (event.payment as PaymentDTO) : undefined;
}

/** Why `payment` was cancelled, from the network's event log (`null` while not cancelled). */
export function cancelReasonOf(network: PiNetwork, payment: PaymentDTO): PaymentCancelReason | null {
  if (!payment.status.cancelled && !payment.status.user_cancelled) return null;
  const events = network.events;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === 'payment.cancelled' && event.payment.identifier === payment.identifier) return event.reason;
  }
  return payment.status.user_cancelled ? 'user' : 'developer';
}

/** The network event of an SDK log entry: `sdk.callback` for callback invocations, `sdk.<name>` otherwise. */
export function toEvent(entry: SdkLogEntry): { type: `sdk.${string}`; [key: string]: unknown } {
  const { kind, name, user, paymentId, details } = entry;
  const fields = { user, ...(paymentId === undefined ? {} : { paymentId }), ...(details === undefined ? {} : { details }) };
  return kind === 'callback' ? { type: 'sdk.callback', callback: name, ...fields } : { type: `sdk.${name}`, ...fields };
}
