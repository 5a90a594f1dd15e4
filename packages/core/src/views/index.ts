export { paymentView, type PaymentView } from './payment-view';
export { authView, type AuthView } from './auth-view';
export { sdkView, type SdkView, type PiSdkStatus } from './sdk-view';
