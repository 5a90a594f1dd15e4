/**
 * The store as one route call sees it: every record it creates and every state change it makes
 * are noted (`states`), for the call's log line (`transition`, e.g. `approving → approved`).
 */
import type { PaymentState, PaymentStore } from '../store/types';

/** `store`, noting into `states` the state of each record inserted and each transition made. */
export function tracedStore(store: PaymentStore, states: PaymentState[]): PaymentStore {
  return {
    get: (paymentId) => store.get(paymentId),
    list: (wanted) => store.list(wanted),
    async insert(record) {
      const inserted = await store.insert(record);
      if (inserted) states.push(record.state);
      return inserted;
    },
    async transition(paymentId, transition) {
      const record = await store.transition(paymentId, transition);
      if (record) states.push(transition.to);
      return record;
    },
  };
}
