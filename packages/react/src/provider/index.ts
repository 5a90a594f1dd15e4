export { PiProvider, type PiProviderProps } from './pi-provider';
