export type {
  AuthState,
  AuthStatus,
  IncompletePaymentState,
  NativeFeaturesState,
  NativeFeaturesStatus,
  PiClientState,
  SdkState,
  SdkStatus,
} from './state';
export { createClientStore } from './create-client-store';
