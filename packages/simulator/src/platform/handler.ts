/**
 * Pi's Platform API (`https://api.minepi.com/v2/*`) as a Fetch handler over the
 * simulated network: auth by `Key` and `Bearer`, Pi's `{ error, error_message }`
 * bodies and statuses. Bad input (malformed JSON, wrong types, bodies over
 * 64 KiB, unknown routes) gets a 4xx in that shape, never a crash.
 *
 * Source: docs/PI-PLATFORM.md ("The Platform API").
 */
import type { PiApiErrorBody } from '@pi-kit/core';
import { PiNetworkError } from '../engine/errors';
import type { PlatformEngine } from '../engine/ports';
import { readBody, serve, type Answer } from '../http/serve';

function piError(status: number, error: string, message: string, extra: Partial<PiApiErrorBody> = {}): Answer {
  return { status, body: { error, error_message: message, ...extra }, error };
}

const NOT_FOUND = (path: string): Answer =>
  piError(404, 'not_found', `No route ${path} in the Pi Platform API (see docs/PI-PLATFORM.md ("The Platform API")).`);
const METHOD_NOT_ALLOWED = (method: string, path: string): Answer =>
  piError(405, 'method_not_allowed', `${method} is not allowed on ${path}.`);
const UNAUTHORIZED_KEY = piError(
  401,
  'unauthorized',
  'Missing or invalid Authorization header: app endpoints need "Authorization: Key <server API key>".',
);
const UNAUTHORIZED_TOKEN = piError(
  401,
  'unauthorized',
  'Missing, invalid or expired access token: /v2/me needs "Authorization: Bearer <user access token>".',
);
const TOO_LARGE = piError(413, 'payload_too_large', 'The request body is larger than 64 KiB.');

function fromError(error: unknown): Answer {
  if (error instanceof PiNetworkError) {
    const status = error.status >= 400 && error.status < 500 ? error.status : 400;
    return piError(status, error.code, error.shortMessage, error.payment ? { payment: error.payment } : {});
  }
  throw error;
}

function credentials(request: Request): { scheme: string; value: string } | undefined {
  const header = request.headers.get('authorization');
  if (!header) return undefined;
  const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(header);
  return match ? { scheme: match[1]!.toLowerCase(), value: match[2]! } : undefined;
}

function keyIsValid(network: PlatformEngine, request: Request): boolean {
  const c = credentials(request);
  return c !== undefined && c.scheme === 'key' && c.value === network.app.apiKey;
}

type JsonResult = { ok: true; value: unknown } | { ok: false; answer: Answer };

async function readJson(request: Request): Promise<JsonResult> {
  const text = await readBody(request);
  if (text === undefined) return { ok: false, answer: TOO_LARGE };
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, answer: piError(400, 'invalid_arguments', 'The request body is not valid JSON.') };
  }
}

function segmentOf(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** @internal Builds `network.platformApi`. */
export function createPlatformApiHandler(network: PlatformEngine): (request: Request) => Promise<Response> {
  const handle = async (request: Request, path: string): Promise<Answer> => {
    const method = request.method.toUpperCase();
    const parts = path.split('/').filter((p, i) => i > 0 || p !== '');
    // parts: ['', 'v2', ...] → drop the leading empty segment
    if (parts[0] === '') parts.shift();
    if (parts[0] !== 'v2') return NOT_FOUND(path);
    const route = parts.slice(1);

    // GET /v2/me (Bearer)
    if (route.length === 1 && route[0] === 'me') {
      if (method !== 'GET') return METHOD_NOT_ALLOWED(method, path);
      const c = credentials(request);
      if (c?.scheme !== 'bearer') return UNAUTHORIZED_TOKEN;
      const me = network.me(c.value);
      return me ? { status: 200, body: me } : UNAUTHORIZED_TOKEN;
    }

    const known =
      (route[0] === 'payments' && route.length <= 3) || (route[0] === 'ads_network' && route[1] === 'status' && route.length === 3);
    if (!known) return NOT_FOUND(path);
    const action = route[2];
    if (route[0] === 'payments' && route.length === 3 && action !== 'approve' && action !== 'complete' && action !== 'cancel')
      return NOT_FOUND(path);

    // Every other endpoint needs the app's key.
    if (!keyIsValid(network, request)) return UNAUTHORIZED_KEY;

    try {
      if (route[0] === 'ads_network') {
        if (method !== 'GET') return METHOD_NOT_ALLOWED(method, path);
        const adId = segmentOf(route[2]!);
        const ad = adId === undefined ? undefined : network.adStatus(adId);
        return ad ? { status: 200, body: ad } : piError(404, 'ad_not_found', `There is no ad with identifier "${route[2]}".`);
      }

      // /v2/payments
      if (route.length === 1) {
        if (method !== 'POST') return METHOD_NOT_ALLOWED(method, path);
        const json = await readJson(request);
        if (!json.ok) return json.answer;
        if (!isObject(json.value) || !isObject(json.value.payment))
          return piError(400, 'invalid_arguments', 'The body must be { "payment": { "amount", "memo", "metadata", "uid" } }.');
        const p = json.value.payment;
        return {
          status: 200,
          body: network.createAppPayment({
            amount: p.amount as number,
            memo: p.memo as string,
            metadata: p.metadata as Record<string, unknown>,
            uid: p.uid as string,
          }),
        };
      }

      // /v2/payments/incomplete_server_payments
      if (route.length === 2 && route[1] === 'incomplete_server_payments') {
        if (method !== 'GET') return METHOD_NOT_ALLOWED(method, path);
        return { status: 200, body: { incomplete_server_payments: network.incompleteServerPayments() } };
      }

      const paymentId = segmentOf(route[1]!);
      if (paymentId === undefined) return piError(404, 'payment_not_found', 'There is no such payment.');

      // /v2/payments/{id}
      if (route.length === 2) {
        if (method !== 'GET') return METHOD_NOT_ALLOWED(method, path);
        const payment = network.getPayment(paymentId);
        return payment
          ? { status: 200, body: payment }
          : fromError(
              new PiNetworkError('payment_not_found', `There is no payment with identifier "${paymentId}" for this app.`, { status: 404 }),
            );
      }

      // /v2/payments/{id}/{approve|complete|cancel}
      if (method !== 'POST') return METHOD_NOT_ALLOWED(method, path);
      const json = await readJson(request);
      if (!json.ok && action === 'complete') return json.answer;
      if (!json.ok && json.answer.status === 413) return json.answer;
      if (action === 'approve') return { status: 200, body: network.approvePayment(paymentId) };
      if (action === 'cancel') return { status: 200, body: network.cancelPayment(paymentId) };
      const body = json.ok ? json.value : undefined;
      const txid = isObject(body) ? body.txid : undefined;
      if (txid !== undefined && txid !== null && typeof txid !== 'string') {
        if (!network.getPayment(paymentId))
          return fromError(
            new PiNetworkError('payment_not_found', `There is no payment with identifier "${paymentId}" for this app.`, { status: 404 }),
          );
        return piError(400, 'invalid_arguments', '`txid` must be a string.');
      }
      return { status: 200, body: network.completePayment(paymentId, typeof txid === 'string' ? txid : '') };
    } catch (error) {
      return fromError(error);
    }
  };

  const faultBody = (status: number): Answer =>
    status >= 400
      ? piError(status, status === 500 ? 'internal_error' : 'simulated_fault', `Simulated failure (injected fault), HTTP ${status}.`)
      : { status, body: {} };

  return (request: Request) => serve(network, 'platform', request, handle, faultBody);
}
