import { PiConfigError } from '../errors/config-error';
import type { NewPaymentRecord, PaymentRecord, PaymentState, PaymentStore, Transition } from './types';
import { matchesTransition } from './transition';

/**
 * A {@link PaymentStore} in memory: for tests and single-process demos. Everything is
 * lost when the process exits; use `createSqlStore` for real apps.
 *
 * @param options.now clock in epoch ms (default `Date.now`), for leases.
 * @throws {PiConfigError} (`code: "invalid_config"`) when `now` is given and is not a function.
 */
export function createMemoryStore(options: { now?: () => number } = {}): PaymentStore {
  const now = options?.now ?? Date.now;
  if (typeof now !== 'function') throw new PiConfigError('createMemoryStore: `now` must be a function returning epoch milliseconds.');
  const records = new Map<string, PaymentRecord>();
  const copy = (r: PaymentRecord): PaymentRecord => ({ ...r, metadata: structuredClone(r.metadata) });
  return {
    async get(paymentId) {
      const r = records.get(paymentId);
      return r && copy(r);
    },
    async insert(record: NewPaymentRecord) {
      if (records.has(record.paymentId)) return false;
      const t = now();
      records.set(record.paymentId, {
        paymentId: record.paymentId,
        uid: record.uid,
        amount: record.amount,
        memo: record.memo,
        metadata: structuredClone(record.metadata),
        state: record.state,
        txid: record.txid ?? null,
        claimOwner: record.claim?.owner ?? null,
        claimExpiresAt: record.claim ? t + record.claim.leaseMs : null,
        createdAt: t,
        updatedAt: t,
      });
      return true;
    },
    async transition(paymentId: string, transition: Transition) {
      const r = records.get(paymentId);
      const t = now();
      if (!r || !matchesTransition(r, transition, t)) return undefined;
      r.state = transition.to;
      r.claimOwner = transition.claim?.owner ?? null;
      r.claimExpiresAt = transition.claim ? t + transition.claim.leaseMs : null;
      if (transition.txid !== undefined) r.txid = transition.txid;
      r.updatedAt = t;
      return copy(r);
    },
    async list(states: readonly PaymentState[]) {
      return [...records.values()]
        .filter((r) => states.includes(r.state))
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(copy);
    },
  };
}
