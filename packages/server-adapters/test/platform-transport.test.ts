/**
 * How the Platform API client sends its requests on Node without a `fetch`: over `node:http`
 * (`platform/node-http-transport.ts`), against a real local HTTP server. The bytes on the wire
 * (headers, UTF-8 bodies both ways), the errors (network, timeout, abort), a kept-alive socket
 * the server closed (resent once, only when repeating is safe), and a `fetch` that is given
 * (used) or stubbed on `globalThis` (not used on Node).
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPiPlatformClient } from '../src/platform/client';
import { PiApiError } from '../src/platform/errors';
import { nodeHttpTransport } from '../src/platform/node-http-transport';
import { rejectionOf } from './support/rejection';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: Socket;
}

let server: Server | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A local server answering each request with `answer` (after reading its body); its URL and the requests seen. */
async function serve(answer: (seen: Seen, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        socket: req.socket,
      };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const payment = (id: string, memo = 'x') => ({ identifier: id, memo, amount: 1, status: { developer_approved: false } });

const rejection = (promise: Promise<unknown>) => rejectionOf(PiApiError, promise);

describe('node:http transport (the default on Node)', () => {
  it('is available on Node', () => {
    expect(nodeHttpTransport()).toBeTypeOf('function');
  });

  it('sends the method, path, headers and a UTF-8 JSON body with its byte length; reads a UTF-8 answer cut mid-character', async () => {
    const { url, seen } = await serve((_, res) => {
      // "π" is two bytes in UTF-8: sent in two writes, split inside the character.
      const bytes = Buffer.from(JSON.stringify(payment('p1', 'π café')));
      const at = bytes.indexOf(0xcf) + 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(bytes.subarray(0, at));
      setTimeout(() => res.end(bytes.subarray(at)), 5);
    });
    const pi = createPiPlatformClient({ apiKey: 'key-123', baseUrl: url, retries: 0 });
    const created = await pi.createA2UPayment({ amount: 1, memo: 'Remboursé π', metadata: { n: 'ü' }, uid: 'u1' });
    expect(created.memo).toBe('π café');
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', url: '/v2/payments' });
    expect(request!.headers).toMatchObject({
      authorization: 'Key key-123',
      accept: 'application/json',
      'content-type': 'application/json',
    });
    expect(Number(request!.headers['content-length'])).toBe(Buffer.byteLength(request!.body));
    expect(JSON.parse(request!.body)).toEqual({ payment: { amount: 1, memo: 'Remboursé π', metadata: { n: 'ü' }, uid: 'u1' } });
  });

  it("sends an https baseUrl through node:https (Pi's own URL), with the same request", async () => {
    const https = process.getBuiltinModule('node:https');
    const http = process.getBuiltinModule('node:http');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const viaHttps = vi.spyOn(https, 'request').mockImplementation(((_url: string, _options: object) => {
      const req = new EventEmitter() as EventEmitter & { end(): void };
      req.end = () => setTimeout(() => req.emit('error', refused), 0);
      return req;
    }) as unknown as typeof https.request);
    const viaHttp = vi.spyOn(http, 'request');
    try {
      const pi = createPiPlatformClient({ apiKey: 'key-123', retries: 0 }); // default baseUrl: https://api.minepi.com
      const error = await rejection(pi.getPayment('p1'));
      expect(error.code).toBe('network_error');
      expect(error.cause).toBe(refused);
      expect(viaHttps).toHaveBeenCalledTimes(1);
      expect(viaHttps.mock.calls[0]![0]).toBe('https://api.minepi.com/v2/payments/p1');
      expect(viaHttps.mock.calls[0]![1]).toMatchObject({ method: 'GET', headers: { Authorization: 'Key key-123' } });
      expect(viaHttp).not.toHaveBeenCalled();
    } finally {
      viaHttps.mockRestore();
      viaHttp.mockRestore();
    }
  });

  it('keeps the connection alive between calls', async () => {
    const { url, seen } = await serve((s, res) => res.writeHead(200).end(JSON.stringify(payment(s.url.split('/')[3]!))));
    const pi = createPiPlatformClient({ apiKey: 'k', baseUrl: url, retries: 0 });
    await pi.getPayment('a');
    await pi.getPayment('b');
    expect(seen.map((s) => s.url)).toEqual(['/v2/payments/a', '/v2/payments/b']);
    expect(seen[1]!.socket).toBe(seen[0]!.socket);
  });

  it("answers a 4xx as PiApiError with Pi's code and body, a 5xx after its retries", async () => {
    const { url, seen } = await serve((s, res) =>
      s.url.endsWith('/missing')
        ? res.writeHead(404).end(JSON.stringify({ error: 'payment_not_found', error_message: 'No such payment' }))
        : res.writeHead(503).end('<html>down</html>'),
    );
    const pi = createPiPlatformClient({ apiKey: 'k', baseUrl: url, retries: 1, retryDelayMs: 1 });
    const missing = await rejection(pi.getPayment('missing'));
    expect(missing).toMatchObject({ code: 'payment_not_found', status: 404, body: { error: 'payment_not_found' } });
    const down = await rejection(pi.getPayment('down'));
    expect(down).toMatchObject({ code: 'http_error', status: 503, body: '<html>down</html>' });
    expect(seen.filter((s) => s.url.endsWith('/down'))).toHaveLength(2);
  });

  it('a refused connection is network_error, a silent server timeout, an aborted call aborted', async () => {
    const { url } = await serve(() => undefined); // never answers
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const refused = await rejection(createPiPlatformClient({ apiKey: 'k', baseUrl: closedUrl, retries: 0 }).getPayment('p'));
    expect(refused.code).toBe('network_error');
    expect((refused.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');

    const slow = await rejection(createPiPlatformClient({ apiKey: 'k', baseUrl: url, retries: 0, timeoutMs: 50 }).getPayment('p'));
    expect(slow.code).toBe('timeout');

    const controller = new AbortController();
    const pending = createPiPlatformClient({ apiKey: 'k', baseUrl: url, retries: 0 }).getPayment('p', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await rejection(pending)).code).toBe('aborted');
  });

  it('an answer cut off before its end is network_error, not a truncated body', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"identifier":');
      setTimeout(() => res.socket?.destroy(), 5);
    });
    const error = await rejection(createPiPlatformClient({ apiKey: 'k', baseUrl: url, retries: 0 }).getPayment('p'));
    expect(error.code).toBe('network_error');
  });

  it('resends a repeatable request once when its kept-alive socket was closed by the server; never the A2U create', async () => {
    // The second request on a socket finds it dead, as when the server closed it while idle.
    const requestsOn = new Map<Socket, number>();
    const { url, seen } = await serve((s, res) => {
      const n = (requestsOn.get(s.socket) ?? 0) + 1;
      requestsOn.set(s.socket, n);
      if (n === 2) s.socket.destroy();
      else res.writeHead(200).end(JSON.stringify(payment('p')));
    });
    const pi = createPiPlatformClient({ apiKey: 'k', baseUrl: url, retries: 0 });
    await pi.getPayment('p');
    await expect(pi.approvePayment('p')).resolves.toMatchObject({ identifier: 'p' });
    expect(seen.map((s) => s.url)).toEqual(['/v2/payments/p', '/v2/payments/p/approve', '/v2/payments/p/approve']);
    expect(seen[2]!.socket).not.toBe(seen[1]!.socket);

    const error = await rejection(pi.createA2UPayment({ amount: 1, memo: 'm', metadata: {}, uid: 'u' }));
    expect(error.code).toBe('network_error');
    expect(seen.filter((s) => s.url === '/v2/payments')).toHaveLength(1);
  });
});

describe('which transport', () => {
  it('a `fetch` given is used for every request', async () => {
    const given = vi.fn(async () => new Response(JSON.stringify(payment('p')), { status: 200 }));
    const pi = createPiPlatformClient({ apiKey: 'k', baseUrl: 'http://pi.invalid', fetch: given });
    await pi.getPayment('p');
    expect(given).toHaveBeenCalledWith('http://pi.invalid/v2/payments/p', expect.objectContaining({ method: 'GET' }));
  });

  it('on Node, a stub of globalThis.fetch is not used without `fetch`: the request goes over node:http', async () => {
    const { url, seen } = await serve((_, res) => res.writeHead(200).end(JSON.stringify(payment('p'))));
    const stub = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', stub);
    await createPiPlatformClient({ apiKey: 'k', baseUrl: url }).getPayment('p');
    expect(stub).not.toHaveBeenCalled();
    expect(seen).toHaveLength(1);
  });

  it('where Node is not (no process.getBuiltinModule), globalThis.fetch, read at each request', async () => {
    const getBuiltinModule = process.getBuiltinModule;
    let pi: ReturnType<typeof createPiPlatformClient>;
    try {
      Object.assign(process, { getBuiltinModule: undefined });
      expect(nodeHttpTransport()).toBeUndefined();
      pi = createPiPlatformClient({ apiKey: 'k', baseUrl: 'http://pi.invalid' });
    } finally {
      Object.assign(process, { getBuiltinModule });
    }
    const stub = vi.fn(async () => new Response(JSON.stringify(payment('p')), { status: 200 }));
    vi.stubGlobal('fetch', stub); // after the client was created
    await pi.getPayment('p');
    expect(stub).toHaveBeenCalledTimes(1);
  });
});
