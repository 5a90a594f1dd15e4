/**
 * The app's payment routes: pi-kit's handlers with this app's checks (`onApprove`) and its
 * delivery (`onComplete`). `POST /api/pi/approve|complete|cancel|incomplete`.
 */
import { PGlite } from '@electric-sql/pglite';
import type { AppNetwork } from '@pi-kit/core';
import {
  createMemoryStore,
  createPaymentHandlers,
  createSqlStore,
  PaymentRefusedError,
  type PaymentHandlers,
} from '@pi-kit/server-adapters';
import { productById } from '../shared/products';

export interface PaymentsConfig {
  /** The app's server API key (Pi developer portal, or the one `pi-sim` prints). */
  apiKey: string;
  network: AppNetwork;
  /** Pi's Platform API: `https://api.minepi.com` (default), or `pi-sim`'s URL. */
  platformBaseUrl?: string;
  /** Pi's Horizon: Pi's own (default), or `pi-sim`'s `/horizon`. */
  horizonUrl?: string;
  /** A PGlite data folder for the payments; in memory when absent (tests). */
  dataDir?: string;
}

/** What the app delivered, by payment id: the product id. */
export type Deliveries = Map<string, string>;

export function createPayments(config: PaymentsConfig, deliveries: Deliveries): PaymentHandlers {
  return createPaymentHandlers({
    apiKey: config.apiKey,
    network: config.network,
    store: config.dataDir ? createSqlStore({ db: new PGlite(config.dataDir) }) : createMemoryStore(),
    ...(config.platformBaseUrl ? { platform: { baseUrl: config.platformBaseUrl } } : {}),
    ...(config.horizonUrl ? { horizonUrl: config.horizonUrl } : {}),
    onApprove(payment) {
      const product = productById(payment.metadata.productId);
      if (!product) throw new PaymentRefusedError('unknown_product', 'This product is not for sale.');
      if (payment.amount !== product.price) throw new PaymentRefusedError('wrong_amount', `${product.name} costs ${product.price} π.`);
    },
    onComplete(payment) {
      // Called once per payment, after Pi's /complete: deliver here.
      deliveries.set(payment.identifier, String(payment.metadata.productId));
    },
  });
}
