/**
 * The vanilla example's server: pi-kit's payment routes (`POST /api/pi/approve|complete|cancel|incomplete`)
 * from @pi-kit/server-adapters, as a node:http listener. Payments are kept in a
 * PGlite database (`createSqlStore`); the example's "delivery" is a list of paid payment ids.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { AppNetwork } from '@pi-kit/core';
import { createPaymentHandlers, createSqlStore, type PaymentHandlers, PaymentRefusedError } from '@pi-kit/server-adapters';
import { toNodeHandler } from '@pi-kit/server-adapters/node';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findProduct } from '../shared/catalog';

export interface VanillaServerOptions {
  apiKey: string;
  network: AppNetwork;
  /** Pi Platform API: the simulator's URL, or `https://api.minepi.com`. */
  piApiBaseUrl: string;
  horizonUrl: string;
  db: PGlite;
  /** fetch for Pi and Horizon (default: pi-kit's, node:http on Node for Pi). */
  fetch?: typeof fetch;
}

export interface VanillaServer {
  payments: PaymentHandlers;
  /** Payment ids delivered (`onComplete`: after Pi's `/complete` answered 200). */
  delivered: Set<string>;
  /** Handles `/api/pi/*`; calls `next()` for anything else (the page). */
  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void;
}

export function createVanillaServer(options: VanillaServerOptions): VanillaServer {
  const delivered = new Set<string>();
  const payments = createPaymentHandlers({
    apiKey: options.apiKey,
    network: options.network,
    store: createSqlStore({ db: options.db }),
    platform: { baseUrl: options.piApiBaseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) },
    horizonUrl: options.horizonUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    onApprove(payment) {
      const product = findProduct(payment.metadata.productId);
      if (!product) throw new PaymentRefusedError('unknown_product', 'This product does not exist.');
      if (payment.amount !== product.price) throw new PaymentRefusedError('wrong_amount', `${product.name} costs ${product.price} π.`);
    },
    onComplete(payment) {
      delivered.add(payment.identifier);
    },
    onError(error, context) {
      console.error(`[vanilla] ${context.route}${context.paymentId ? ` ${context.paymentId}` : ''}:`, error);
    },
  });
  const routes = toNodeHandler(payments);
  return {
    payments,
    delivered,
    handle(req, res, next) {
      if ((req.url ?? '').startsWith(`${payments.basePath}/`)) routes(req, res);
      else next();
    },
  };
}
