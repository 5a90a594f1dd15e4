/**
 * The baseline of the overhead ratio: a bare app server (node:http) whose approve and
 * complete routes make the same Pi Platform API calls as pi-kit's handlers, in the same way
 * (`GET /v2/me` and `GET /v2/payments/{id}` at once, then `POST …/approve`; the same two reads
 * at once, then `POST …/complete`) over `fetch`, as an app written without pi-kit does (or over
 * node:http, as pi-kit's Platform client does on Node: `--bare-node-http`), and nothing else: no input validation, no checks, no storage, no
 * exactly-once bookkeeping. Unsafe by design; measurement only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express from 'express';
import { requestJson } from './node-http-json';
import { createRouteTimings, listenOnLoopback, type RouteTimings } from './server-parts';

/** `handlerTimes`: from the body read to the answer. */
export interface BareServer extends RouteTimings {
  url: string;
  close(): Promise<void>;
}

export async function startBareServer(options: { piApiBaseUrl: string; apiKey: string }): Promise<BareServer> {
  const timings = createRouteTimings();
  const key = { Authorization: `Key ${options.apiKey}`, 'Content-Type': 'application/json' };
  const viaFetch = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const response = await fetch(`${options.piApiBaseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return response.json() as Promise<unknown>;
  };
  // `pnpm bench --bare-node-http`: the Pi calls over node:http, as pi-kit's Platform client sends them on Node.
  const viaNodeHttp = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    requestJson(`${options.piApiBaseUrl}${path}`, method, headers, body);
  const pi = process.env.PIKIT_BARE_NODE_HTTP === '1' ? viaNodeHttp : viaFetch;
  const handle = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    const route = req.originalUrl ?? req.url;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const t0 = performance.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { paymentId: string; accessToken: string; txid?: string };
        const bearer = { Authorization: `Bearer ${body.accessToken}` };
        let payment: unknown;
        // The two reads at once, as pi-kit's handlers send them.
        if (route === '/api/pi/approve') {
          await Promise.all([pi('GET', '/v2/me', bearer), pi('GET', `/v2/payments/${body.paymentId}`, key)]);
          payment = await pi('POST', `/v2/payments/${body.paymentId}/approve`, key);
        } else {
          await Promise.all([pi('GET', `/v2/payments/${body.paymentId}`, key), pi('GET', '/v2/me', bearer)]);
          payment = await pi('POST', `/v2/payments/${body.paymentId}/complete`, key, { txid: body.txid });
        }
        timings.record(route === '/api/pi/approve' ? 'approve' : 'complete', performance.now() - t0);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ payment }));
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
  };
  let server: Server;
  if (process.env.PIKIT_BARE_ON_NODE === '1')
    server = createServer(handle); // `pnpm bench --bare-on-node`: the earlier baseline
  else {
    const app = express();
    app.use('/api/pi', handle);
    server = createServer(app);
  }
  return { ...(await listenOnLoopback(server)), ...timings };
}
