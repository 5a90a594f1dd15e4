/**
 * Serves a Fetch handler on `node:http`: reads the body with a 1 MiB cap (413
 * beyond), adds CORS headers, answers preflights, turns every failure into a
 * Pi-shaped error answer (never crashes), and destroys the socket for an
 * injected connection drop.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders } from './cors';
import { piErrorResponse } from './pi-error';

/** The largest request body accepted, in bytes (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What to drain from a too-large body before closing the connection instead. */
const MAX_DRAIN_BYTES = 64 * MAX_BODY_BYTES;

/** A `node:http` request listener running `handler`. */
export function nodeListener(handler: (request: Request) => Promise<Response>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void serve(handler, req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal_error', error_message: 'The simulator failed to answer.' }));
      } else {
        res.destroy();
      }
    });
  };
}

async function serve(handler: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cors = corsHeaders(req.headers.origin);
  if (req.method === 'OPTIONS') {
    req.resume();
    res.writeHead(204, cors);
    res.end();
    return;
  }
  const body = await readBody(req);
  if (body === 'too_large') {
    await send(res, piErrorResponse(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`), cors, true);
    return;
  }
  let request: Request;
  try {
    request = toRequest(req, body);
  } catch {
    await send(res, piErrorResponse(400, 'invalid_request', 'The request could not be read (bad URL or headers).'), cors);
    return;
  }
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'connection_dropped') {
      req.socket.destroy();
      return;
    }
    response = piErrorResponse(500, 'internal_error', error instanceof Error ? error.message : 'The simulator failed.');
  }
  await send(res, response, cors);
}

/** The body, `null` for none, or `'too_large'` past {@link MAX_BODY_BYTES} (then drained). */
function readBody(req: IncomingMessage): Promise<Buffer | null | 'too_large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > MAX_DRAIN_BYTES) {
          req.socket.destroy();
          reject(new Error('request body far too large'));
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too_large' : size === 0 ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toRequest(req: IncomingMessage, body: Buffer | null): Request {
  const host = req.headers.host ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 80}`;
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit = { method, headers };
  if (body && method !== 'GET' && method !== 'HEAD') init.body = new Uint8Array(body);
  return new Request(url, init);
}

async function send(res: ServerResponse, response: Response, cors: Record<string, string>, close = false): Promise<void> {
  const payload = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  Object.assign(headers, cors, { 'Content-Length': String(payload.length) });
  if (close) headers.Connection = 'close';
  res.writeHead(response.status, headers);
  res.end(payload);
}
