export { createPiClient, DEFAULT_AUTH_TIMEOUT_MS, DEFAULT_SCOPES, DEFAULT_SDK_RETRY_TIMEOUT_MS, type PiClient } from './create-pi-client';
export {
  SUPPORTED_SDK_VERSIONS,
  consoleLogger,
  silentLogger,
  type PaymentConcurrency,
  type PiClientOptions,
  type PiKitLogger,
} from './options';
export { validateScopes } from './scopes';
