export { createPiClient, type PiClient, type ReadonlyPiStore } from './create-pi-client';
export { DEFAULT_AUTH_TIMEOUT_MS, DEFAULT_SDK_RETRY_TIMEOUT_MS } from './context';
export { DEFAULT_SCOPES } from './auth-session';
export {
  SUPPORTED_SDK_VERSIONS,
  consoleLogger,
  silentLogger,
  type PaymentConcurrency,
  type PiClientOptions,
  type PiKitLogger,
} from './options';
export { validateScopes } from './scopes';
