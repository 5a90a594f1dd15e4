export { createA2UClient } from './client';
export type { A2UClient, A2UClientOptions, A2URecoveryReport } from './client';
export { A2UError } from './errors';
export type { A2UErrorCode } from './errors';
