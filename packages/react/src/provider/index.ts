export { PiProvider, type PiProviderProps } from './pi-provider';
export { PiClientProvider, type PiClientProviderProps } from './pi-client-provider';
