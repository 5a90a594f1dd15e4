/**
 * `@pi-kit/server-adapters/node`: the payment routes as a node:http request listener.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toNodeHandler } from '@pi-kit/server-adapters/node';
 * createServer(toNodeHandler(payments)).listen(3000);
 * ```
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PaymentHandlers } from '../handlers/options';
import { sendAdapterError, sendFetchResponse, toFetchRequest } from './node-bridge';

/**
 * Wraps the Fetch handler of `createPaymentHandlers` as `(req, res) => void` for
 * `http.createServer`. Requests outside the routes get the handler's 404 JSON answer.
 */
export function toNodeHandler(handlers: Pick<PaymentHandlers, 'fetch'>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    toFetchRequest(req, req.url ?? '/')
      .then((request) => handlers.fetch(request))
      .then((response) => sendFetchResponse(res, response))
      .catch(() => sendAdapterError(res));
  };
}
