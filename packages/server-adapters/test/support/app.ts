/**
 * An app built on createPaymentHandlers for tests: an order book checked in onApprove,
 * and counters of every delivery and release.
 */
import type { PiNetwork } from '@pi-kit/simulator';
import type { PaymentDTO } from '@pi-kit/core';
import { createPaymentHandlers } from '../../src/handlers/create-payment-handlers';
import type { PaymentHandlersOptions } from '../../src/handlers/options';
import { PaymentRefusedError } from '../../src/handlers/payment-refused-error';
import type { PaymentStore } from '../../src/store/types';
import { createMemoryStore } from '../../src/store/memory';

export interface TestApp {
  handlers: ReturnType<typeof createPaymentHandlers>;
  /** Orders by id with their price in π. */
  orders: Map<string, number>;
  deliveries: string[];
  releases: string[];
  approvals: string[];
  /** What `onError` was told: the route and payment of each unexpected error. */
  errors: Array<{ route: string; paymentId?: string; error: unknown }>;
}

export function createTestApp(network: PiNetwork, options: Partial<PaymentHandlersOptions> & { store?: PaymentStore } = {}): TestApp {
  const app: Omit<TestApp, 'handlers'> = {
    orders: new Map([
      ['o-1', 3.14],
      ['o-2', 5],
    ]),
    deliveries: [],
    releases: [],
    approvals: [],
    errors: [],
  };
  const handlers = createPaymentHandlers({
    apiKey: network.app.apiKey,
    network: network.network,
    store: options.store ?? createMemoryStore(),
    platform: { retryDelayMs: 1 },
    waitMs: 5_000,
    logger: false,
    async onApprove(payment: PaymentDTO) {
      const price = app.orders.get(String(payment.metadata.orderId));
      if (price === undefined) throw new PaymentRefusedError('unknown_order', 'No such order.');
      if (payment.amount !== price) throw new PaymentRefusedError('amount_mismatch', `This order costs ${price} π.`);
      app.approvals.push(payment.identifier);
    },
    async onComplete(payment: PaymentDTO) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      app.deliveries.push(payment.identifier);
    },
    async onCancel(payment: PaymentDTO) {
      app.releases.push(payment.identifier);
    },
    onError(error, context) {
      app.errors.push({ ...context, error });
    },
    ...options,
  });
  return { ...app, handlers };
}
