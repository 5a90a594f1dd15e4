export { loadPiSdk, PI_SDK_URL, DEFAULT_SDK_LOAD_TIMEOUT_MS, type LoadPiSdkOptions } from './load-pi-sdk';
