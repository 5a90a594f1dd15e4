/**
 * The shop's server (Express), built on @pi-kit/server-adapters:
 *
 * - `POST /api/pi/approve|complete|cancel|incomplete`: pi-kit's payment handlers.
 *   An order is created when its payment is approved (after pi-kit verified the
 *   user and read the payment from Pi, and the shop checked product and price),
 *   and marked paid only in `onComplete`, i.e. after Pi's `/complete` answered 200.
 * - `GET /api/orders`: the signed-in user's orders; the access token is verified
 *   with Pi (`GET /v2/me`), never trusted.
 * - `GET /api/admin/orders` and `POST /api/admin/orders/:paymentId/refund`: the admin page's
 *   API, behind `Authorization: Bearer <adminToken>`. A refund pays the order's amount back to
 *   the buyer as an A2U payment (./refunds.ts) with the app wallet seed, which never leaves the server.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  createA2UClient,
  createPaymentHandlers,
  createPiPlatformClient,
  createSqlStore,
  type PaymentHandlers,
  type PaymentLogger,
  PaymentRefusedError,
  PiApiError,
  PiArgumentError,
  PiConfigError,
  type SqlQueryable,
} from '@pi-kit/server-adapters';
import { toExpressMiddleware } from '@pi-kit/server-adapters/express';
import type { AppNetwork } from '@pi-kit/core';
import express, { type Express } from 'express';
import { findProduct } from '../shared/catalog';
import { createOrderRepository, type OrderRepository } from './orders';
import { createRefunds, RefundError, type Refunds, refundFailureCode } from './refunds';

export interface ShopServerOptions {
  /** The app's Pi server API key. */
  apiKey: string;
  /** The network the app runs on. */
  network: AppNetwork;
  /** Pi Platform API base URL: the simulator's URL in the demo, `https://api.minepi.com` for real. */
  piApiBaseUrl: string;
  /** Horizon URL for blockchain checks (the simulator serves one); default Pi's Horizon of `network`. */
  horizonUrl?: string;
  /** The database for payments and orders (a PGlite instance or a pg.Pool). */
  db: SqlQueryable;
  /**
   * Statements pi-kit's payment store runs at once before it groups the waiting ones
   * (`createSqlStore`'s `maxConcurrentStatements`, default 4); 1 suits PGlite, which runs one
   * statement at a time anyway.
   */
  maxConcurrentStatements?: number;
  /** The app wallet's secret seed (`S…`), for refunds (A2U). Without it the refund endpoint answers 503 `refunds_unavailable`. */
  walletSeed?: string;
  /** fetch for Pi's Platform API and Horizon checks (default: pi-kit's, node:http on Node; tests record calls with it). */
  fetch?: typeof fetch;
  /** The admin API's bearer token (at least 8 characters); without it the admin API answers 404. */
  adminToken?: string;
  /** Where the payment routes log (pi-kit's `logger`): `console` by default, `false` for none (the benchmark). */
  logger?: PaymentLogger | false;
}

export interface ShopServer {
  app: Express;
  orders: OrderRepository;
  payments: PaymentHandlers;
  refunds: Refunds;
}

export async function createShopServer(options: ShopServerOptions): Promise<ShopServer> {
  const platform = createPiPlatformClient({
    apiKey: options.apiKey,
    baseUrl: options.piApiBaseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const orders = createOrderRepository(options.db);
  const store = createSqlStore({ db: options.db, maxConcurrentStatements: options.maxConcurrentStatements });
  await Promise.all([orders.ready(), store.ready()]);

  const payments = createPaymentHandlers({
    apiKey: options.apiKey,
    network: options.network,
    store,
    platform,
    horizonUrl: options.horizonUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    async onApprove(payment, user) {
      // The amount and metadata come from Pi, not from the browser: check them against the catalog.
      const product = findProduct(payment.metadata.productId);
      if (!product) throw new PaymentRefusedError('unknown_product', 'This product does not exist in the shop.');
      if (payment.amount !== product.price) {
        throw new PaymentRefusedError('wrong_amount', `${product.name} costs ${product.price} π, not ${payment.amount} π.`);
      }
      await orders.createPending({ paymentId: payment.identifier, productId: product.id, uid: user.uid, amount: payment.amount });
    },
    async onComplete(payment) {
      // Delivery: Pi's /complete answered 200. pi-kit calls this exactly once per payment.
      await orders.markPaid(payment.identifier, payment.transaction?.txid ?? null);
    },
    async onCancel(payment) {
      await orders.markCancelled(payment.identifier);
    },
    onError(error, context) {
      console.error(`[shop] ${context.route}${context.paymentId ? ` ${context.paymentId}` : ''}:`, error);
    },
  });

  const a2u = options.walletSeed
    ? createA2UClient({
        platform,
        walletSeed: options.walletSeed,
        network: options.network,
        horizonUrl: options.horizonUrl,
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      })
    : undefined;
  const refunds = createRefunds({ orders, a2u, platform });

  const app = express();
  app.use(payments.basePath, toExpressMiddleware(payments));
  app.use('/api/admin', adminOnly(options.adminToken));
  app.get('/api/admin/orders', async (_req, res) => {
    res.json({ orders: await orders.listPaid() });
  });
  app.post('/api/admin/orders/:paymentId/refund', async (req, res) => {
    try {
      res.json({ order: await refunds.refund(req.params.paymentId) });
    } catch (error) {
      if (error instanceof RefundError) {
        res.status(error.status).json({ error: { code: error.code, message: error.message } });
      } else {
        // Pi or Horizon failed: the order stays `refunding`; clicking again resumes the same A2U payment.
        console.error(`[shop] refund ${req.params.paymentId}:`, error);
        const code = refundFailureCode(error);
        res.status(502).json({
          error: { code, message: 'The refund could not be finished; try again (it resumes the same A2U payment, never pays twice).' },
        });
      }
    }
  });
  app.get('/api/orders', async (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token) {
      res.status(401).json({ error: { code: 'missing_token', message: 'Send the Pi access token as "Authorization: Bearer <token>".' } });
      return;
    }
    try {
      const user = await platform.me(token);
      res.json({ orders: await orders.listForUser(user.uid) });
    } catch (error) {
      // A malformed token (PiArgumentError) or one Pi rejects (401) means: sign in again.
      const invalid = error instanceof PiArgumentError || (error instanceof PiApiError && error.status === 401);
      const status = invalid ? 401 : 502;
      res.status(status).json({
        error: {
          code: status === 401 ? 'invalid_token' : 'pi_unavailable',
          message: status === 401 ? 'Sign in again.' : 'Pi could not be reached; try again.',
        },
      });
    }
  });
  return { app, orders, payments, refunds };
}

/** Express middleware: the admin API, for `Authorization: Bearer <token>` only (compared in constant time). */
function adminOnly(adminToken: string | undefined): express.RequestHandler {
  if (adminToken !== undefined && adminToken.length < 8) throw new PiConfigError("The shop's admin token must have at least 8 characters.");
  const expected = adminToken ? Buffer.from(adminToken) : undefined;
  return (req, res, next) => {
    if (!expected) {
      res.status(404).json({ error: { code: 'route_not_found', message: 'The admin API is off: start the shop with an admin token.' } });
      return;
    }
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res
        .status(401)
        .json({ error: { code: 'invalid_admin_token', message: 'Send the shop\'s admin token as "Authorization: Bearer <token>".' } });
      return;
    }
    next();
  };
}
