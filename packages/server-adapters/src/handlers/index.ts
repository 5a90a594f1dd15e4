export { createPaymentHandlers } from './create-payment-handlers';
export type { PaymentHandlers, PaymentHandlersOptions, PaymentRouteAnswer, PaymentRouteRequest, ReconcileReport } from './options';
export { PaymentRefusedError } from './payment-refused-error';
export { RouteError } from './route-error';
export { routeSchemas } from './schemas';
