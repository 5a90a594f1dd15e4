/** The app's Express server: the payment routes and what the app delivered. */
import { toExpressMiddleware } from '@pi-kit/server-adapters/express';
import express from 'express';
import { createPayments, type Deliveries, type PaymentsConfig } from './payments';

export function createApp(config: PaymentsConfig): express.Express {
  const deliveries: Deliveries = new Map();
  const payments = createPayments(config, deliveries);
  const app = express();
  app.use(payments.basePath, toExpressMiddleware(payments));
  app.get('/api/deliveries', (_request, response) => {
    response.json([...deliveries].map(([paymentId, productId]) => ({ paymentId, productId })));
  });
  return app;
}
