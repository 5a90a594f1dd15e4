/**
 * Serves a Fetch handler on `node:http`, through core's one Node↔Fetch bridge (the body read with
 * its one size limit, 413 beyond): adds CORS headers, answers preflights, turns every failure into
 * a Pi-shaped error answer (never crashes), destroys the socket for an injected connection drop,
 * and streams server-sent events (the console's `/__sim/events`) instead of buffering them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_REQUEST_BODY_BYTES, readNodeBody, toFetchRequest, writeFetchResponse } from '@pi-kit/core/internal';
import { corsHeaders } from './cors';
import { piErrorResponse } from './pi-error';

/** The largest request body accepted, in bytes: core's `MAX_REQUEST_BODY_BYTES` (64 KiB). */
export const MAX_BODY_BYTES = MAX_REQUEST_BODY_BYTES;

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
  let body: Uint8Array | 'too_large';
  try {
    body = await readNodeBody(req);
  } catch {
    req.socket.destroy(); // far too large, or the request failed: nothing to answer
    return;
  }
  if (body === 'too_large') {
    const tooLarge = piErrorResponse(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    await writeFetchResponse(res, tooLarge, { ...cors, connection: 'close' });
    return;
  }
  let request: Request;
  try {
    const host = `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 80}`;
    request = toFetchRequest(req, { url: req.url ?? '/', host, body: body.length > 0 ? body : null });
  } catch {
    await writeFetchResponse(res, piErrorResponse(400, 'invalid_request', 'The request could not be read (bad URL or headers).'), cors);
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
  if (response.body && (response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await streamResponse(res, response, cors);
    return;
  }
  await writeFetchResponse(res, response, cors);
}

/** Writes a streamed answer (server-sent events) chunk by chunk, until it ends or the client goes away. */
async function streamResponse(res: ServerResponse, response: Response, cors: Record<string, string>): Promise<void> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...cors });
  res.flushHeaders();
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (done || res.destroyed) break;
    res.write(value);
  }
  res.end();
}
