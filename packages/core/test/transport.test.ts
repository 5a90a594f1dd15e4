import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE_BASE_PATH, ServerRequestError, createFetchTransport } from '@pi-kit/core';
import { isRouteErrorBody } from '@pi-kit/core/internal';
import { paymentDto } from './support/payment-dto';

const origin = 'https://shop.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function rejection(promise: Promise<unknown>): Promise<ServerRequestError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServerRequestError);
  return error as ServerRequestError;
}

describe('createFetchTransport', () => {
  it('POSTs the contract body as JSON to {baseUrl}{basePath}/{route} and resolves with the 200 body', async () => {
    const seen: Array<{ url: string; body: unknown; type: string | null; extra: string | null }> = [];
    server.use(
      http.post(`${origin}${DEFAULT_ROUTE_BASE_PATH}/:route`, async ({ request, params }) => {
        seen.push({
          url: request.url,
          body: await request.json(),
          type: request.headers.get('content-type'),
          extra: request.headers.get('x-csrf'),
        });
        const payment = paymentDto('p1');
        return HttpResponse.json(params.route === 'incomplete' ? { payment, outcome: 'completed' } : { payment });
      }),
    );
    const transport = createFetchTransport({ baseUrl: `${origin}/`, headers: async () => ({ 'x-csrf': 'token' }) });
    await expect(transport.approve({ paymentId: 'p1', accessToken: 'at' })).resolves.toEqual({ payment: paymentDto('p1') });
    await transport.complete({ paymentId: 'p1', txid: 't1' });
    await transport.cancel({ paymentId: 'p1' });
    await expect(transport.incomplete({ paymentId: 'p1', txid: null })).resolves.toMatchObject({ outcome: 'completed' });
    expect(seen.map((s) => s.url)).toEqual(['approve', 'complete', 'cancel', 'incomplete'].map((r) => `${origin}/api/pi/${r}`));
    expect(seen[0]).toMatchObject({ body: { paymentId: 'p1', accessToken: 'at' }, type: 'application/json', extra: 'token' });
    expect(seen[1]?.body).toEqual({ paymentId: 'p1', txid: 't1' });
  });

  it('uses a custom basePath and fetch', async () => {
    const urls: string[] = [];
    const transport = createFetchTransport({
      baseUrl: origin,
      basePath: '/pay/',
      fetch: async (input) => {
        urls.push(String(input));
        return Response.json({ payment: paymentDto('p1') });
      },
    });
    await transport.approve({ paymentId: 'p1', accessToken: 'at' });
    expect(urls).toEqual([`${origin}/pay/approve`]);
  });

  it('turns a non-2xx answer into ServerRequestError with status and parsed RouteErrorBody', async () => {
    const body = { error: { code: 'payment_not_found', message: 'No payment p1 at Pi.' } };
    server.use(http.post(`${origin}/api/pi/approve`, () => HttpResponse.json(body, { status: 404 })));
    const error = await rejection(createFetchTransport({ baseUrl: origin }).approve({ paymentId: 'p1', accessToken: 'at' }));
    expect([error.status, error.body, error.serverCode, error.route]).toEqual([404, body, 'payment_not_found', 'approve']);
    expect(error.message).toContain('No payment p1 at Pi.');
  });

  it('keeps the raw text of a non-JSON error page', async () => {
    server.use(http.post(`${origin}/api/pi/complete`, () => HttpResponse.html('<h1>502 Bad Gateway</h1>', { status: 502 })));
    const error = await rejection(createFetchTransport({ baseUrl: origin }).complete({ paymentId: 'p1', txid: 't1' }));
    expect(error.status).toBe(502);
    expect(error.body).toBe('<h1>502 Bad Gateway</h1>');
    expect(error.serverCode).toBeUndefined();
  });

  it('reports a network failure with status null and the cause', async () => {
    server.use(http.post(`${origin}/api/pi/approve`, () => HttpResponse.error()));
    const error = await rejection(createFetchTransport({ baseUrl: origin }).approve({ paymentId: 'p1', accessToken: 'at' }));
    expect(error.status).toBeNull();
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.shortMessage).toMatch(/Could not reach the app server/);
  });

  it('rejects a 200 answer without { payment }', async () => {
    server.use(http.post(`${origin}/api/pi/approve`, () => HttpResponse.json({ ok: true })));
    const error = await rejection(createFetchTransport({ baseUrl: origin }).approve({ paymentId: 'p1', accessToken: 'at' }));
    expect(error.shortMessage).toMatch(/without the expected JSON \{ payment \}/);
  });

  it('passes the abort signal', async () => {
    server.use(http.post(`${origin}/api/pi/approve`, () => new Promise<Response>(() => undefined)));
    const controller = new AbortController();
    const request = createFetchTransport({ baseUrl: origin }).approve(
      { paymentId: 'p1', accessToken: 'at' },
      { signal: controller.signal },
    );
    controller.abort();
    const error = await rejection(request);
    expect(error.status).toBeNull();
  });
});

describe('isRouteErrorBody', () => {
  it('recognises only { error: { code, message } }', () => {
    expect(isRouteErrorBody({ error: { code: 'x', message: 'y' } })).toBe(true);
    expect(isRouteErrorBody({ error: 'x', error_message: 'y' })).toBe(false);
    expect(isRouteErrorBody(null)).toBe(false);
  });
});
