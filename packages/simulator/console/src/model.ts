/**
 * What the console derives from the network's state and event log: a payment's state, the
 * payment an event concerns, a payment's timeline, and a line of text for each event. Pure
 * functions, tested without a browser.
 */
import type { ConsolePayment, ConsoleState } from '../../src/console/console-api';
import type { SimEvent } from '../../src/engine/types';

export type { ConsolePayment, ConsoleState, SimEvent };

/** A payment's state, in the words of Pi's payment flow (payments.md). */
export type PaymentPhase = 'awaiting_approval' | 'approved' | 'awaiting_completion' | 'completed' | 'cancelled' | 'user_cancelled';

/** The state of a payment from its status flags. */
export function phaseOf(payment: ConsolePayment): PaymentPhase {
  const { status } = payment;
  if (status.developer_completed) return 'completed';
  if (status.user_cancelled) return 'user_cancelled';
  if (status.cancelled) return 'cancelled';
  if (payment.transaction) return 'awaiting_completion';
  if (status.developer_approved) return 'approved';
  return 'awaiting_approval';
}

/** Labels of {@link PaymentPhase}. */
export const PHASE_LABELS: Record<PaymentPhase, string> = {
  awaiting_approval: 'awaiting approval',
  approved: 'approved, not signed',
  awaiting_completion: 'signed, awaiting completion',
  completed: 'completed',
  cancelled: 'cancelled',
  user_cancelled: 'cancelled by the user',
};

/** True while the payment can still change (not completed, not cancelled). */
export function isOpen(payment: ConsolePayment): boolean {
  const phase = phaseOf(payment);
  return phase !== 'completed' && phase !== 'cancelled' && phase !== 'user_cancelled';
}

/** The payment an event concerns, if any. `memos` maps a ledger memo to a known payment. */
export function paymentIdOf(event: SimEvent): string | undefined {
  const e = event as SimEvent & { payment?: { identifier?: unknown }; paymentId?: unknown; details?: unknown; memo?: unknown };
  if (typeof e.payment?.identifier === 'string') return e.payment.identifier;
  if (typeof e.paymentId === 'string') return e.paymentId;
  if (event.type === 'ledger.transaction' && typeof e.memo === 'string') return e.memo;
  if (event.type === 'scenario.applied' && typeof event.details.paymentId === 'string') return event.details.paymentId;
  // `onIncompletePaymentFound(payment)`: the payment is the callback's argument.
  if (event.type === 'sdk.callback' && Array.isArray(e.details)) {
    const first = e.details[0] as { identifier?: unknown } | undefined;
    if (typeof first?.identifier === 'string') return first.identifier;
  }
  return undefined;
}

/** Where an event comes from, as the timeline groups them. */
export type EventSource = 'sdk' | 'wallet' | 'app server' | 'platform api' | 'horizon' | 'pi' | 'ledger' | 'scenario' | 'clock';

/** The source of an event. */
export function sourceOf(event: SimEvent): EventSource {
  if (event.type === 'api.call') return event.api === 'horizon' ? 'horizon' : 'platform api';
  if (event.type === 'ledger.transaction') return 'ledger';
  if (event.type === 'scenario.applied') return 'scenario';
  if (event.type === 'clock.advanced') return 'clock';
  if (event.type.startsWith('sdk.')) return 'sdk';
  if (event.type.startsWith('wallet.')) return 'wallet';
  if (event.type.startsWith('app.')) return 'app server';
  return 'pi';
}

const PAYMENT_EVENTS: Record<string, string> = {
  'payment.created': 'Pi created the payment',
  'payment.approved': 'Pi recorded the approval',
  'payment.transaction': 'Pi linked the blockchain transaction',
  'payment.completed': 'Pi recorded the completion',
};

/**
 * One line of text for an event. With `paymentId` (a payment's timeline), that payment's id is
 * shortened in paths and arguments: the timeline is about it already.
 */
export function describeEvent(event: SimEvent, paymentId?: string): string {
  const text = describe(event);
  return paymentId ? text.split(paymentId).join(short(paymentId, 8)) : text;
}

function describe(event: SimEvent): string {
  const e = event as SimEvent & Record<string, unknown>;
  switch (event.type) {
    case 'api.call': {
      const status = event.status === 0 ? 'no answer' : String(event.status);
      const error = event.error ? ` ${event.error}` : '';
      const fault = event.fault ? ` (injected ${event.fault === 'status' ? 'failure' : event.fault})` : '';
      const duration = event.durationMs === undefined ? '' : ` · ${formatMs(event.durationMs)}`;
      return `${event.method} ${event.path} → ${status}${error}${fault}${duration}`;
    }
    case 'payment.cancelled':
      return `Pi cancelled the payment (${event.reason})`;
    case 'ledger.transaction':
      return `Ledger ${event.ledger}: transaction ${short(event.hash)} ${event.successful ? 'applied' : `failed (${event.resultCode})`}${event.memo ? `, memo ${event.memo}` : ''}`;
    case 'user.added':
      return `User ${event.user.username} added`;
    case 'user.authenticated':
      return `User ${event.uid.slice(0, 8)}… signed in (${event.scopes.join(', ')})`;
    case 'ad.created':
      return `Rewarded ad ${event.ad.identifier}: ${event.ad.mediator_ack_status ?? 'no status'}`;
    case 'clock.advanced':
      return `Clock advanced ${formatMs(event.ms)} (total ${formatMs(event.offsetMs)})`;
    case 'scenario.applied':
      return `Scenario ${event.scenario.replace(/_/g, ' ')}${Object.keys(event.details).length ? ` ${JSON.stringify(event.details)}` : ''}`;
    case 'sdk.callback': {
      const args = Array.isArray(e.details) ? (e.details as unknown[]).map(argText).join(', ') : '';
      return `SDK called ${String(e.callback)}(${args})`;
    }
    case 'sdk.simulated_crash':
      return 'The browser crashed right after signing (scenario "leave incomplete")';
    case 'sdk.wallet_decision':
      return `The user chose to ${(e.details as { decision?: string } | undefined)?.decision ?? '?'} in the wallet`;
    default:
      if (event.type in PAYMENT_EVENTS) return PAYMENT_EVENTS[event.type] as string;
      if (event.type.startsWith('app.')) {
        const status = e.status === undefined ? '' : ` → ${String(e.status)}`;
        return `App server ${event.type.slice(4)}${status}${e.error ? ` ${String(e.error)}` : ''}`;
      }
      return `${event.type.replace(/^(sdk|wallet)\./, '').replace(/_/g, ' ')}${e.details === undefined ? '' : ` ${JSON.stringify(e.details)}`}`;
  }
}

function argText(arg: unknown): string {
  if (typeof arg === 'string') return short(arg, 12);
  if (arg && typeof arg === 'object' && 'identifier' in arg)
    return `payment ${short(String((arg as { identifier: unknown }).identifier), 12)}`;
  if (arg && typeof arg === 'object' && 'error' in arg) return `Error("${String((arg as { error: unknown }).error)}")`;
  return JSON.stringify(arg);
}

/** The events of one payment, oldest first. */
export function timelineOf(events: readonly SimEvent[], paymentId: string): SimEvent[] {
  return events.filter((event) => paymentIdOf(event) === paymentId);
}

/** `ms` as "850 ms", "12.5 s", "3 min", "2 h". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 6_000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

/** The first `n` characters of an id, with an ellipsis. */
export function short(id: string, n = 10): string {
  return id.length > n ? `${id.slice(0, n)}…` : id;
}

/** The events whose text, type or payment matches `query` (case-insensitive); all for an empty query. */
export function searchEvents(events: readonly SimEvent[], query: string): SimEvent[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...events];
  return events.filter(
    (event) =>
      event.type.toLowerCase().includes(q) ||
      describeEvent(event).toLowerCase().includes(q) ||
      (paymentIdOf(event) ?? '').toLowerCase().includes(q),
  );
}
