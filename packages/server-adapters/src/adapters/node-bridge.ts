/**
 * What the Node and Express adapters share: node:http's `IncomingMessage`/`ServerResponse`
 * to and from the handlers' own request and answer (`PaymentHandlers.handle`, no Fetch
 * objects), or the Fetch API's `Request`/`Response` for a handler that only has `fetch`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readNodeBody, toFetchRequest as nodeToFetchRequest, writeFetchResponse } from '@pi-kit/core/internal';
import type { PaymentHandlers } from '../handlers/options';

/**
 * Builds a Fetch `Request` from a node request. `url` is the path and query as the client sent it
 * (`originalUrl` under Express). `parsedBody`: a body a framework already parsed (e.g.
 * `express.json()`), re-serialised as JSON.
 */
export async function toFetchRequest(req: IncomingMessage, url: string, parsedBody?: unknown): Promise<Request> {
  const body =
    req.method === 'GET' || req.method === 'HEAD' ? null : parsedBody !== undefined ? JSON.stringify(parsedBody) : await readBody(req);
  return nodeToFetchRequest(req, { url, host: 'localhost', body });
}

/**
 * Answers a node request with `handlers`: through `handle` when it has one (no Fetch
 * `Request`/`Response` built), else through `fetch`. `url`: the path and query as the client
 * sent it (`originalUrl` under Express); `parsedBody`: a body a framework already parsed.
 */
export async function answerNodeRequest(
  handlers: Pick<PaymentHandlers, 'fetch'> & Partial<Pick<PaymentHandlers, 'handle'>>,
  req: IncomingMessage,
  res: ServerResponse,
  url: string,
  parsedBody?: object,
): Promise<void> {
  if (typeof handlers.handle !== 'function') {
    await sendFetchResponse(res, await handlers.fetch(await toFetchRequest(req, url, parsedBody)));
    return;
  }
  const method = req.method ?? 'GET';
  const body = parsedBody ?? (method === 'GET' || method === 'HEAD' ? undefined : await readBody(req));
  const answer = await handlers.handle({ method, path: url, body });
  res.writeHead(answer.status, { ...answer.headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(answer.body));
}

/** The body as text; one too large for any route body (core's one limit) reads as malformed JSON (400). */
async function readBody(req: IncomingMessage): Promise<string> {
  const body = await readNodeBody(req);
  return body === 'too_large' ? '\u0000' : new TextDecoder().decode(body);
}

/** Writes a Fetch `Response` to a node response. */
export function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  return writeFetchResponse(res, response);
}

/** A JSON error answer for an adapter failure before the handler ran. */
export function sendAdapterError(res: ServerResponse): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = 500;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ error: { code: 'internal_error', message: 'The payment route failed unexpectedly; try again.' } }));
}
