export { piConfigFromEnv } from './from-env';
export type { PiEnv, PiEnvConfig } from './from-env';
