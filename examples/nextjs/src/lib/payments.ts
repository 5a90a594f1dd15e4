/**
 * The payment routes' handlers (server only): `@pi-kit/server-adapters` with a
 * memory store and a small in-memory list of paid orders. One instance per
 * server process (kept on `globalThis` so Next's dev reloads do not lose it).
 * A real app keeps both in a database: `createSqlStore({ db })` with PGlite or PostgreSQL.
 */
import { createMemoryStore, createPaymentHandlers, type PaymentHandlers, PaymentRefusedError } from '@pi-kit/server-adapters';
import { PRODUCT } from './catalog';
import { readPiConfig } from './pi-config';

/** An order of the example: created at approval, paid only after Pi's `/complete` answered 200. */
export interface Order {
  paymentId: string;
  uid: string;
  status: 'pending' | 'paid' | 'cancelled';
  txid: string | null;
}

interface ExampleServer {
  payments: PaymentHandlers;
  orders: Map<string, Order>;
}

function createExampleServer(): ExampleServer {
  const config = readPiConfig();
  const orders = new Map<string, Order>();
  const payments = createPaymentHandlers({
    apiKey: config.apiKey,
    network: config.network,
    store: createMemoryStore(),
    platform: { baseUrl: config.apiBaseUrl },
    horizonUrl: config.horizonUrl,
    onApprove(payment, user) {
      // The amount and metadata come from Pi, not from the browser.
      if (payment.metadata.productId !== PRODUCT.id) throw new PaymentRefusedError('unknown_product', 'This product does not exist.');
      if (payment.amount !== PRODUCT.price) throw new PaymentRefusedError('wrong_amount', `${PRODUCT.name} costs ${PRODUCT.price} π.`);
      orders.set(payment.identifier, { paymentId: payment.identifier, uid: user.uid, status: 'pending', txid: null });
    },
    onComplete(payment) {
      const order = orders.get(payment.identifier);
      if (order) orders.set(payment.identifier, { ...order, status: 'paid', txid: payment.transaction?.txid ?? null });
    },
    onCancel(payment) {
      const order = orders.get(payment.identifier);
      if (order) orders.set(payment.identifier, { ...order, status: 'cancelled' });
    },
    onError(error, context) {
      console.error(`[pi-kit nextjs] ${context.route}${context.paymentId ? ` ${context.paymentId}` : ''}:`, error);
    },
  });
  return { payments, orders };
}

const globalKey = Symbol.for('@pi-kit/example-nextjs/server');

/** The process's handlers and orders, created on first use (reading the environment then). */
export function exampleServer(): ExampleServer {
  const holder = globalThis as { [globalKey]?: ExampleServer };
  holder[globalKey] ??= createExampleServer();
  return holder[globalKey];
}
