/**
 * The Platform API client's transport on Node: `node:http` / `node:https` with Node's global agents
 * (keep-alive since Node 19), loaded with `process.getBuiltinModule` so that this package imports no
 * Node module and still loads on runtimes without them. msw's `setupServer` intercepts these
 * requests as it does `fetch`'s (it patches `request` on the modules, read here at each call).
 */
import type { Transport, TransportRequest, TransportResponse } from './transport';

/** The part of `node:http` / `node:https` used here. */
interface NodeHttpModule {
  request(
    url: string,
    options: { method: string; headers: Record<string, string | number>; signal: AbortSignal },
    onResponse: (response: NodeIncoming) => void,
  ): NodeOutgoing;
}
interface NodeIncoming {
  statusCode?: number;
  setEncoding(encoding: 'utf8'): void;
  on(event: 'data', listener: (chunk: string) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
interface NodeOutgoing {
  reusedSocket?: boolean;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): void;
  end(body?: Uint8Array): void;
}

interface NodeRuntime {
  release?: { name?: string };
  getBuiltinModule?: (id: string) => unknown;
}

/**
 * The `node:http`/`node:https` transport, or `undefined` where those modules are missing or are
 * not Node's own (Bun, Deno and Cloudflare Workers emulate them over their `fetch`, which is then
 * the better choice).
 */
export function nodeHttpTransport(): Transport | undefined {
  const g = globalThis as { process?: NodeRuntime; Bun?: unknown; Deno?: unknown; navigator?: { userAgent?: string } };
  const proc = g.process;
  if (proc?.release?.name !== 'node' || typeof proc.getBuiltinModule !== 'function') return undefined;
  if (g.Bun !== undefined || g.Deno !== undefined || g.navigator?.userAgent?.startsWith('Cloudflare-Workers')) return undefined;
  const http = proc.getBuiltinModule('node:http') as NodeHttpModule | undefined;
  const https = proc.getBuiltinModule('node:https') as NodeHttpModule | undefined;
  if (!http || !https) return undefined;
  return (request) => send(request.url.startsWith('https:') ? https : http, request, request.repeatable);
}

/**
 * One request. `resendIfStale`: a kept-alive socket the server closed while idle fails the next
 * request before anything comes back (Node's http docs, `request.reusedSocket`); most likely nothing
 * reached Pi, so a repeatable request is then sent once more, on a new socket. The A2U create never is.
 */
function send(module: NodeHttpModule, request: TransportRequest, resendIfStale: boolean): Promise<TransportResponse> {
  const { method, url, headers, body, signal } = request;
  const bytes = body === undefined ? undefined : new TextEncoder().encode(body);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = module.request(
      url,
      {
        method,
        headers: bytes === undefined ? headers : { ...headers, 'Content-Length': bytes.length },
        signal,
      },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject); // the connection closed before the whole answer came
      },
    );
    req.on('error', (error) => {
      const stale = !answered && req.reusedSocket === true && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      if (stale && resendIfStale && !signal.aborted) resolve(send(module, request, false));
      else reject(error);
    });
    req.end(bytes);
  });
}
