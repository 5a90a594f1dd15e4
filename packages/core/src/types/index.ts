export type * from './ads';
export type * from './auth';
export type * from './payment';
export type * from './platform-api';
export type * from './sdk';
export { DOCUMENTED_SCOPES } from './auth';
