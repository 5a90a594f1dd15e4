/**
 * @pi-kit/core/internal: the machinery under core's public API, for pi-kit's own packages and
 * tools (tests, chaos, fuzzing). Not part of the public API: it may change in any release.
 */
export { PaymentMachine, type PaymentMachineOptions } from './payment/machine';
export { applyPaymentEvent, type InvariantOptions } from './payment/apply';
export { canTransition, PAYMENT_TRANSITIONS } from './payment/transitions';
export { canRequest } from './payment/reducer';
export { createClientStore } from './store/create-client-store';
export { isDevelopment } from './env/development';
export { isRouteErrorBody } from './transport/fetch-transport';
export {
  MAX_REQUEST_BODY_BYTES,
  readNodeBody,
  toFetchRequest,
  writeFetchResponse,
  type NodeRequestLike,
  type NodeResponseLike,
} from './http/node-bridge';
