import { request as httpRequest } from 'node:http';
import { Horizon } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiNetwork } from '../../src/index';
import { MAX_BODY_BYTES, startSimulatorServer, type SimulatorServer } from '../../src/server';

let sim: SimulatorServer;

beforeAll(async () => {
  sim = await startSimulatorServer({
    networkOptions: {
      seed: 11,
      users: [
        { username: 'alice', balance: 100 },
        { username: 'bob', balance: 5 },
      ],
      app: { apiKey: 'test-key' },
    },
  });
});
afterAll(async () => {
  await sim.close();
});

const key = () => ({ Authorization: `Key ${sim.network.app.apiKey}` });

async function piError(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as { error: unknown; error_message: unknown };
  expect(typeof body.error).toBe('string');
  expect(typeof body.error_message).toBe('string');
  return { status: response.status, error: body.error };
}

/** A raw HTTP request (fetch cannot send some malformed things). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${sim.url}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('startSimulatorServer', () => {
  it('listens on 127.0.0.1 and describes itself at GET /', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${sim.url}/`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      network: 'Pi Testnet',
      platformApi: `${sim.url}/v2`,
      horizon: `${sim.url}/horizon`,
      sdk: `${sim.url}/pi-sdk.js`,
      users: [expect.objectContaining({ username: 'alice', balance: 100 }), expect.objectContaining({ username: 'bob', balance: 5 })],
    });
    expect(sim.horizonUrl).toBe(`${sim.url}/horizon`);
  });

  it("serves the Platform API under /v2 with Pi's auth and error shapes", async () => {
    expect(await piError(await fetch(`${sim.url}/v2/me`))).toEqual({ status: 401, error: expect.any(String) });
    expect(await piError(await fetch(`${sim.url}/v2/payments/unknown`, { headers: key() }))).toEqual({
      status: 404,
      error: 'payment_not_found',
    });
    const { accessToken } = sim.network.authenticate('alice', ['username']);
    const me = await fetch(`${sim.url}/v2/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'alice' });
  });

  it('serves Horizon under /horizon for @stellar/stellar-sdk', async () => {
    const horizon = new Horizon.Server(sim.horizonUrl, { allowHttp: true });
    const account = await horizon.loadAccount(sim.network.user('alice').walletAddress);
    expect(account.balances.find((balance) => balance.asset_type === 'native')?.balance).toBe('100.0000000');
  });

  it('serves /pi-sdk.js as JavaScript that installs window.Pi for the requested user', async () => {
    const response = await fetch(`${sim.url}/pi-sdk.js?user=bob&wallet=approve&sandbox=true`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/javascript/);
    const script = await response.text();
    expect(script).toContain('__piSimulator');
    expect(script).toContain(`"baseUrl":"${sim.url}"`);
    expect(script).toContain('"user":"bob"');
    expect(script).toContain('"wallet":"approve"');
    expect(script).toContain('"sandbox":true');
    expect(() => new Function(script)).not.toThrow();
  });

  it('/pi-sdk.js defaults to the first user and the wallet dialog', async () => {
    const script = await (await fetch(`${sim.url}/pi-sdk.js`)).text();
    expect(script).toContain('"user":"alice"');
    expect(script).toContain('"wallet":"dialog"');
  });

  it('/pi-sdk.js refuses an unknown user (404) or a bad option (400)', async () => {
    expect(await piError(await fetch(`${sim.url}/pi-sdk.js?user=mallory`))).toEqual({ status: 404, error: 'user_not_found' });
    expect(await piError(await fetch(`${sim.url}/pi-sdk.js?wallet=yes`))).toEqual({ status: 400, error: 'invalid_arguments' });
    expect(await piError(await fetch(`${sim.url}/pi-sdk.js?expiry=never`))).toEqual({ status: 400, error: 'invalid_arguments' });
    expect(await piError(await fetch(`${sim.url}/pi-sdk.js`, { method: 'POST', body: '{}' }))).toEqual({
      status: 405,
      error: 'method_not_allowed',
    });
  });

  it('answers CORS preflights and requests from pages on other localhost ports only', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000']) {
      const preflight = await fetch(`${sim.url}/__sim/rpc/authenticate`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    }
    const script = await fetch(`${sim.url}/pi-sdk.js`, { headers: { Origin: 'http://localhost:5173' } });
    expect(script.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const foreign = await fetch(`${sim.url}/pi-sdk.js`, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("the bridge runs SDK operations and refuses bad calls in Pi's error shape", async () => {
    const ok = await fetch(`${sim.url}/__sim/rpc/authenticate`, {
      method: 'POST',
      body: JSON.stringify({ args: ['alice', ['username']] }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ result: { accessToken: expect.any(String), user: { username: 'alice' } } });
    const post = (method: string, body: string) => fetch(`${sim.url}/__sim/rpc/${method}`, { method: 'POST', body });
    expect(await piError(await post('deleteEverything', '{"args":[]}'))).toEqual({ status: 404, error: 'not_found' });
    expect(await piError(await post('authenticate', '{'))).toEqual({ status: 400, error: 'invalid_json' });
    expect(await piError(await post('authenticate', '{"args":"alice"}'))).toEqual({ status: 400, error: 'invalid_arguments' });
    expect(await piError(await post('authenticate', '{"args":[1,["username"]]}'))).toEqual({ status: 400, error: 'invalid_arguments' });
    expect(await piError(await post('cancelByUser', '{"args":["p","because"]}'))).toEqual({ status: 400, error: 'invalid_arguments' });
    expect(await piError(await post('authenticate', '{"args":["mallory",["username"]]}'))).toEqual({
      status: 404,
      error: 'user_not_found',
    });
    expect(await piError(await post('createPayment', '{"args":["alice",{"amount":-1,"memo":"m","metadata":{}}]}'))).toEqual({
      status: 400,
      error: 'invalid_amount',
    });
    expect(await piError(await post('log', '{"args":[{"kind":"other"}]}'))).toEqual({ status: 400, error: 'invalid_arguments' });
    const logged = await post(
      'log',
      JSON.stringify({ args: [{ kind: 'sdk', name: 'openShareDialog', user: 'alice', type: 'payment.completed' }] }),
    );
    expect(logged.status).toBe(200);
    expect(sim.network.events.at(-1)).toMatchObject({ type: 'sdk.openShareDialog', user: 'alice' });
    expect(await piError(await fetch(`${sim.url}/__sim/rpc/timings`))).toEqual({ status: 405, error: 'method_not_allowed' });
  });

  it("bad input answers 4xx in Pi's error shape and never crashes the server", async () => {
    const id = 'whatever';
    expect(await piError(await fetch(`${sim.url}/nowhere`))).toEqual({ status: 404, error: 'not_found' });
    const malformed = await fetch(`${sim.url}/v2/payments/${id}/complete`, {
      method: 'POST',
      headers: { ...key(), 'Content-Type': 'application/json' },
      body: '{"txid":',
    });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    await piError(malformed);
    const wrongType = await fetch(`${sim.url}/v2/payments`, {
      method: 'POST',
      headers: { ...key(), 'Content-Type': 'application/json' },
      body: '{"payment":{"amount":"lots","memo":1,"metadata":[],"uid":5}}',
    });
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    expect(wrongType.status).toBeLessThan(500);
    await piError(wrongType);

    const huge = await raw('/__sim/rpc/authenticate', { method: 'POST', body: Buffer.alloc(MAX_BODY_BYTES + 10, 'a') });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({ error: 'payload_too_large' });
    const declaredHuge = await raw('/v2/payments', {
      method: 'POST',
      headers: { 'Content-Length': String(MAX_BODY_BYTES + 1) },
      body: Buffer.alloc(MAX_BODY_BYTES + 1),
    });
    expect(declaredHuge.status).toBe(413);

    expect((await fetch(`${sim.url}/`)).status).toBe(200);
  });

  it('an injected connection drop destroys the socket; the server keeps serving', async () => {
    sim.network.faults.inject({ api: 'platform', drop: true, times: 1 });
    await expect(fetch(`${sim.url}/v2/payments/x`, { headers: key() })).rejects.toThrow();
    expect((await fetch(`${sim.url}/v2/payments/x`, { headers: key() })).status).toBe(404);
  });

  it('serves a network it is given, and close() stops it', async () => {
    const network = createPiNetwork({ seed: 2, users: [{ username: 'zoe' }] });
    const other = await startSimulatorServer({ network, port: 0 });
    expect(other.network).toBe(network);
    expect(await (await fetch(`${other.url}/`)).json()).toMatchObject({ users: [expect.objectContaining({ username: 'zoe' })] });
    // Its Horizon answers at the server's /horizon, root included (stellar-sdk reads the clock there),
    // with links under it, whatever horizonUrl the network was created with.
    const horizon = new Horizon.Server(other.horizonUrl, { allowHttp: true });
    const root = (await horizon.root()) as unknown as { _links: { account: { href: string } } };
    expect(root._links.account.href).toBe(`${other.horizonUrl}/accounts/{account_id}`);
    expect((await horizon.fetchTimebounds(60)).maxTime).toBeGreaterThan(0);
    await other.close();
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });
});
