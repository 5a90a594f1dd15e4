export { isDevelopment } from './development';
export { detectPiEnvironment, type PiEnvironmentHint } from './environment';
