/**
 * `@pi-kit/server-adapters/express`: the payment routes as Express middleware.
 *
 * @example
 * ```ts
 * import { toExpressMiddleware } from '@pi-kit/server-adapters/express';
 * app.use(payments.basePath, toExpressMiddleware(payments)); // or app.use(toExpressMiddleware(payments))
 * ```
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { PAYMENT_ROUTES, routePath } from '@pi-kit/core';
import type { PaymentHandlers } from '../handlers/options';
import { answerNodeRequest } from './node-bridge';

/**
 * Express middleware over the handlers (`handle`, or `fetch` for an object that only has it). Works mounted at `payments.basePath` or at
 * the root, with or without `express.json()` before it. Requests that are not one of the
 * payment routes are passed on with `next()`.
 */
export function toExpressMiddleware(
  handlers: Pick<PaymentHandlers, 'fetch' | 'basePath'> & Partial<Pick<PaymentHandlers, 'handle'>>,
): (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void {
  const paths = new Set(PAYMENT_ROUTES.map((route) => routePath(handlers.basePath, route)));
  return (req, res, next) => {
    const url = req.originalUrl ?? req.url;
    const pathname = new URL(url, 'http://localhost').pathname.replace(/\/+$/, '');
    if (!paths.has(pathname)) return next();
    const parsed =
      req.body !== undefined && typeof req.body === 'object' && req.body !== null && !Buffer.isBuffer(req.body) ? req.body : undefined;
    answerNodeRequest(handlers, req, res, url, parsed).catch(next);
  };
}

/** The same middleware under the name tRPC-style adapters use. */
export const toExpressHandler = toExpressMiddleware;
