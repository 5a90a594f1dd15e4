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
import { answerNodeRequest, sendAdapterError } from './node-bridge';

/**
 * Wraps the handlers of `createPaymentHandlers` (`handle`, or `fetch` for an object that only has it) as `(req, res) => void` for
 * `http.createServer`. Requests outside the routes get the handler's 404 JSON answer.
 */
export function toNodeHandler(
  handlers: Pick<PaymentHandlers, 'fetch'> & Partial<Pick<PaymentHandlers, 'handle'>>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    answerNodeRequest(handlers, req, res, req.url ?? '/').catch(() => sendAdapterError(res));
  };
}
