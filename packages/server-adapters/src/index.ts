/**
 * @pi-kit/server-adapters: the server side of Pi payments. A typed Pi Platform API client,
 * verified and idempotent payment routes with exactly-once delivery (one Fetch-API handler;
 * Express and node:http adapters at `/express` and `/node`), durable payment stores
 * (memory, PGlite, PostgreSQL) and an A2U (app-to-user) client.
 */
export { createPiPlatformClient, PI_API_BASE_URL } from './platform/client';
export type { AdStatusDTO, CallOptions, PiPlatformClient, PiPlatformClientOptions } from './platform/client';
export { PiApiError } from './platform/errors';
export type { PiApiErrorInit, PiApiErrorKind } from './platform/errors';
export { createMemoryStore } from './store/memory';
export { createSqlStore } from './store/sql';
export type { SqlQueryable, SqlStoreOptions } from './store/sql';
export { FINAL_STATES, PAYMENT_STATES } from './store/types';
export type { NewPaymentRecord, PaymentRecord, PaymentState, PaymentStore, Transition } from './store/types';
export { createPaymentHandlers } from './handlers/create-payment-handlers';
export type { PaymentHandlers, PaymentHandlersOptions, PaymentRouteAnswer, PaymentRouteRequest, ReconcileReport } from './handlers/options';
export { PaymentRefusedError } from './handlers/payment-refused-error';
export { consolePaymentLogger, type LogFields, type PaymentLogger } from './handlers/logger';
export { RouteError } from '@pi-kit/core';
export { routeSchemas } from './handlers/schemas';
export { horizonUrlFor } from './horizon/urls';
export { HorizonError } from './horizon/errors';
export type { HorizonErrorCode } from './horizon/errors';
export { verifyPaymentTransaction } from './horizon/verify-transaction';
export type { VerifyTransactionOptions } from './horizon/verify-transaction';
export { PiConfigError } from './errors/config-error';
export { PiArgumentError } from './errors/argument-error';
export { createA2UClient } from './a2u/client';
export type { A2UClient, A2UClientOptions, A2URecoveryReport } from './a2u/client';
export { A2UError } from './a2u/errors';
export type { A2UErrorCode } from './a2u/errors';
export { piConfigFromEnv } from './config/from-env';
export type { PiEnv, PiEnvConfig } from './config/from-env';
