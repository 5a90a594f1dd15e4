/**
 * What the Node and Express adapters share: node:http's `IncomingMessage`/`ServerResponse`
 * to and from the handlers' own request and answer (`PaymentHandlers.handle`, no Fetch
 * objects), or the Fetch API's `Request`/`Response` for a handler that only has `fetch`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PaymentHandlers } from '../handlers/options';

/** The largest request body read, in bytes (the contract's bodies are tiny). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Builds a Fetch `Request` from a node request. `url` is the path and query as the client
 * sent it (`originalUrl` under Express). `parsedBody`: a body a framework already parsed
 * (e.g. `express.json()`), re-serialised as JSON.
 */
export async function toFetchRequest(req: IncomingMessage, url: string, parsedBody?: unknown): Promise<Request> {
  const host = req.headers.host ?? 'localhost';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // The body is re-read (or re-serialised): its framing headers no longer apply.
    if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const init: RequestInit = { method: req.method ?? 'GET', headers };
  if (init.method !== 'GET' && init.method !== 'HEAD') {
    init.body = parsedBody !== undefined ? JSON.stringify(parsedBody) : await readBody(req);
  }
  return new Request(new URL(url, `http://${host}`), init);
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

function readBody(req: IncomingMessage): Promise<string> {
  // Events rather than `for await`: an async iterator per request costs more than the body.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      // Too large for any route body: answer as malformed JSON (400) without reading the rest.
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData).off('end', onEnd).off('error', onError);
        req.resume();
        resolve('\u0000');
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    const onError = (error: Error) => reject(error);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** Writes a Fetch `Response` to a node response. */
export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(Buffer.from(await response.arrayBuffer()));
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
