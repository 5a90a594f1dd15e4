/**
 * The Express and node:http adapters over real HTTP on 127.0.0.1: the same answers as
 * the Fetch handler, with and without express.json(), other routes passed on.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { PiNetwork } from '@pi-kit/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toExpressMiddleware } from '../src/adapters/express';
import { toNodeHandler } from '../src/adapters/node';
import { createTestApp, type TestApp } from './support/app';
import { useSimulatedNetwork, userPays } from './support/sim';

const sim = useSimulatedNetwork();
let network: PiNetwork;
let app: TestApp;
let server: Server | undefined;
beforeEach(() => {
  network = sim.network;
  app = createTestApp(network);
});
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

async function send(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** The whole U2A flow over HTTP; returns the statuses. */
async function flow(base: string) {
  const { payment, accessToken } = userPays(network);
  const approve = await send(`${base}/api/pi/approve`, { paymentId: payment.identifier, accessToken });
  const txid = network.submitTransaction(payment.identifier).transaction!.txid;
  const complete = await send(`${base}/api/pi/complete`, { paymentId: payment.identifier, txid });
  return { approve, complete, paymentId: payment.identifier };
}

describe('express', () => {
  it('mounted at basePath: approve and complete, one delivery', async () => {
    const e = express();
    e.use(app.handlers.basePath, toExpressMiddleware(app.handlers));
    const base = await listen(e);
    const { approve, complete, paymentId } = await flow(base);
    expect(approve.status).toBe(200);
    expect(complete.status).toBe(200);
    expect(complete.body.payment.status.developer_completed).toBe(true);
    expect(app.deliveries).toEqual([paymentId]);
  });

  it('after express.json() at the root, other routes passed on with next()', async () => {
    const e = express();
    e.use(express.json());
    e.use(toExpressMiddleware(app.handlers));
    e.get('/api/pi/health', (_req, res) => {
      res.json({ ok: true });
    });
    const base = await listen(e);
    expect((await flow(base)).complete.status).toBe(200);
    expect(await (await fetch(`${base}/api/pi/health`)).json()).toEqual({ ok: true });
  });

  it("answers a bad body with the handler's 400 JSON", async () => {
    const e = express();
    e.use(app.handlers.basePath, toExpressMiddleware(app.handlers));
    const base = await listen(e);
    expect(await send(`${base}/api/pi/complete`, '{oops')).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
  });
});

describe('node:http', () => {
  it('serves the routes: approve and complete, one delivery; 404 JSON elsewhere; oversized bodies refused', async () => {
    const base = await listen(toNodeHandler(app.handlers));
    const { approve, complete, paymentId } = await flow(base);
    expect([approve.status, complete.status]).toEqual([200, 200]);
    expect(app.deliveries).toEqual([paymentId]);
    expect(await send(`${base}/elsewhere`, {})).toMatchObject({ status: 404, body: { error: { code: 'route_not_found' } } });
    const huge = await send(`${base}/api/pi/approve`, { paymentId: 'x', accessToken: 'a'.repeat(100_000) });
    expect(huge.status).toBe(400);
  });
});

describe('handle: the routes without Fetch objects', () => {
  it('answers what fetch answers, for a route, a bad body, a parsed body, a wrong method and an unknown path', async () => {
    const { payment, accessToken } = userPays(network);
    const viaFetch = async (path: string, method: string, body?: string) => {
      const res = await app.handlers.fetch(new Request(`http://shop.test${path}`, { method, ...(body !== undefined ? { body } : {}) }));
      return { status: res.status, cache: res.headers.get('cache-control'), body: await res.json() };
    };
    const viaHandle = async (path: string, method: string, body?: string | object) => {
      const answer = await app.handlers.handle({ method, path, body });
      return { status: answer.status, cache: answer.headers['Cache-Control'], body: JSON.parse(JSON.stringify(answer.body)) };
    };
    const approveBody = JSON.stringify({ paymentId: payment.identifier, accessToken });
    const approved = await viaHandle('/api/pi/approve?x=1', 'POST', JSON.parse(approveBody));
    expect(approved).toMatchObject({ status: 200, cache: 'no-store', body: { payment: { identifier: payment.identifier } } });
    // A re-invoked approve, through fetch: the same answer.
    expect(await viaFetch('/api/pi/approve', 'POST', approveBody)).toMatchObject({ status: 200, cache: 'no-store', body: approved.body });
    for (const [path, method, body] of [
      ['/api/pi/approve', 'POST', '{not json'],
      ['/api/pi/approve', 'POST', '{"paymentId": 5}'],
      ['/api/pi/approve', 'GET', undefined],
      ['/api/pi/nowhere', 'POST', '{}'],
      ['/api/pi/complete/', 'POST', ''],
    ] as const) {
      expect(await viaHandle(path, method, body)).toEqual(await viaFetch(path, method, body));
    }
    expect((await viaHandle('/api/pi/approve', 'POST', '{not json')).body.error.code).toBe('invalid_json');
    expect(app.approvals).toHaveLength(1);
  });

  it('the node and Express adapters answer through handle, and through fetch for an object that only has fetch', async () => {
    const calls: string[] = [];
    const handlers = {
      basePath: app.handlers.basePath,
      handle: (r: Parameters<typeof app.handlers.handle>[0]) => {
        calls.push('handle');
        return app.handlers.handle(r);
      },
      fetch: (r: Request) => {
        calls.push('fetch');
        return app.handlers.fetch(r);
      },
    };
    const e = express();
    e.use(handlers.basePath, toExpressMiddleware(handlers));
    let base = await listen(e);
    expect((await send(`${base}/api/pi/approve`, { paymentId: 5 })).body.error.code).toBe('invalid_body');
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    base = await listen(toNodeHandler(handlers));
    expect((await send(`${base}/api/pi/approve`, '{oops')).body.error.code).toBe('invalid_json');
    expect(calls).toEqual(['handle', 'handle']);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    base = await listen(toNodeHandler({ fetch: handlers.fetch }));
    const { approve, complete } = await flow(base);
    expect([approve.status, complete.status]).toEqual([200, 200]);
    expect(calls.slice(2)).toEqual(['fetch', 'fetch']);
  });
});
