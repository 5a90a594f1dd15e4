import type { PaymentPhase } from './phases';

/**
 * The explicit transition table of a payment: for each phase, the phases it may
 * move to. Staying in a phase (e.g. a re-invoked callback, a retried server
 * request) is not a transition. Anything else is impossible and raises an
 * `InvalidTransitionError`.
 *
 * ```
 * idle ──▶ creating ──▶ approving ──▶ signing ──▶ completing ──▶ completed
 *   │         │   │         │  │         │            │
 *   │         │   │         │  └─────────┼───────────▶│ (approval answer lost, the SDK went on)
 *   ▼         ▼   ▼         ▼            ▼            ▼
 * failed ◀────┴───┼─────────┴────────────┴────────── failed
 *                 └──▶ cancelled ◀── (from creating, approving, signing)
 * ```
 *
 * - `approving → completing`: the server approved but its answer was lost, and the
 *   user signed anyway: the SDK's `onReadyForServerCompletion` is the proof.
 * - `completing` cannot be cancelled: the user has paid; if the completion never
 *   succeeds the payment ends `failed` with `CompletionFailedError` and is
 *   recovered later as an incomplete payment.
 *
 * Source: Pi docs, "The Payment flow" and `callbacks` keys (payments.md).
 */
export const PAYMENT_TRANSITIONS: { readonly [From in PaymentPhase]: readonly PaymentPhase[] } = {
  idle: ['creating', 'failed'],
  creating: ['approving', 'cancelled', 'failed'],
  approving: ['signing', 'completing', 'cancelled', 'failed'],
  signing: ['completing', 'cancelled', 'failed'],
  completing: ['completed', 'failed'],
  completed: [],
  cancelled: [],
  failed: [],
};

/** True when the table allows moving from `from` to `to` (never for `from === to`). */
export function canTransition(from: PaymentPhase, to: PaymentPhase): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}
