export * from './routes';
export type { PaymentTransport } from './transport';
export { isFinalRouteAnswer, TRANSIENT_ROUTE_CODES } from './refusal';
