export { horizonUrlFor } from './urls';
export { HorizonError } from './errors';
export type { HorizonErrorCode } from './errors';
export { verifyPaymentTransaction } from './verify-transaction';
export type { VerifyTransactionOptions } from './verify-transaction';
