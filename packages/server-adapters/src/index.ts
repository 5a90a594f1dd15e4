/**
 * @pi-kit/server-adapters: the server side of Pi payments. A typed Pi Platform API client,
 * verified and idempotent payment routes with exactly-once delivery (one Fetch-API handler;
 * Express and node:http adapters at `/express` and `/node`), durable payment stores
 * (memory, PGlite, PostgreSQL) and an A2U (app-to-user) client.
 */
export * from './platform/index';
export * from './store/index';
export * from './handlers/index';
export * from './horizon/index';
export { PiConfigError } from './errors/config-error';
export { PiArgumentError } from './errors/argument-error';
export * from './a2u/index';
export * from './config/index';
