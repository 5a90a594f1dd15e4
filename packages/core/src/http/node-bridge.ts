/**
 * The one bridge between `node:http` and the Fetch API, shared by server-adapters' Node and Express
 * adapters and the simulator's server: the request body read with one size limit, a Fetch `Request`
 * built from a node request, a Fetch `Response` written to a node response. Structural types only:
 * core imports nothing of Node, and no browser bundle includes this (`@pi-kit/core/internal`).
 */

/** The largest request body read, in bytes: pi-kit's routes, Pi's Platform API and Horizon take far less. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** What the bridge reads of `node:http`'s `IncomingMessage`. */
export interface NodeRequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: node's EventEmitter signature, matched structurally.
  on(event: 'data' | 'end' | 'error', listener: (...args: any[]) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: as `on`.
  off(event: 'data' | 'end' | 'error', listener: (...args: any[]) => void): unknown;
}

/** What the bridge writes of `node:http`'s `ServerResponse`. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  end(body?: Uint8Array | string): unknown;
}

/**
 * Reads the body: its bytes, or `'too_large'` once it passes `limit` bytes (the declared
 * `content-length` or what arrives). The rest is then not kept: it is read to its end so the
 * connection stays usable, up to 64 × `limit`; beyond that the promise rejects (close the
 * connection then).
 */
export function readNodeBody(req: NodeRequestLike, limit = MAX_REQUEST_BODY_BYTES): Promise<Uint8Array | 'too_large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Uint8Array[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) {
        chunks.push(bytes);
        return;
      }
      chunks.length = 0;
      if (size > 64 * limit) {
        stop();
        reject(new RangeError(`The request body is far larger than ${limit} bytes.`));
      }
    };
    const onEnd = () => {
      stop();
      resolve(tooLarge ? 'too_large' : concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * A Fetch `Request` for a node request: `url` is the path and query as the client sent it
 * (`originalUrl` under Express), `host` the origin's host when the request has no `Host` header.
 * Framing headers (`content-length`, `transfer-encoding`) are left out: the body is given anew.
 */
export function toFetchRequest(req: NodeRequestLike, init: { url: string; host: string; body?: Uint8Array | string | null }): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? null : (init.body ?? null);
  // A copy on its own ArrayBuffer: what `Request` takes as a body in every TypeScript lib.
  const payload = body instanceof Uint8Array ? new Uint8Array(body) : body;
  return new Request(new URL(init.url, `http://${req.headers.host ?? init.host}`), { method, headers, body: payload });
}

/** Writes a Fetch `Response` to a node response, with `extra` headers on top and its exact `content-length`. */
export async function writeFetchResponse(res: NodeResponseLike, response: Response, extra: Record<string, string> = {}): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, { ...headers, ...extra, 'content-length': String(body.length) });
  res.end(body);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
