export { createMemoryStore } from './memory';
export { createSqlStore } from './sql';
export type { SqlQueryable, SqlStoreOptions } from './sql';
export { FINAL_STATES, PAYMENT_STATES } from './types';
export type { NewPaymentRecord, PaymentRecord, PaymentState, PaymentStore, Transition } from './types';
