export type { AuthState, AuthStatus, IncompletePaymentState, PiClientState, SdkState, SdkStatus } from './state';
export { createClientStore } from './create-client-store';
