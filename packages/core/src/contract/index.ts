export * from './routes';
export type { PaymentTransport } from './transport';
