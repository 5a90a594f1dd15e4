/**
 * A typed client of Pi's Platform API (`https://api.minepi.com/v2`).
 *
 * Source: docs/PI-PLATFORM.md ("The Platform API") (endpoints, auth headers, error bodies) and "A2U payments".
 */
import type { A2UPaymentArgs, AdNetworkStatusDTO, PaymentDTO, UserDTO } from '@pi-kit/core';
import { PiArgumentError } from '../errors/argument-error';
import { PiConfigError } from '../errors/config-error';
import { PiApiError, type PiApiErrorKind } from './errors';
import { fetchTransport, type Transport, type TransportResponse } from './transport';
import { nodeHttpTransport } from './node-http-transport';
import { backoffDelay, sleep, type RetryPolicy } from './retry';
import { PI_PLATFORM_API_URL } from '@pi-kit/core';

/** The default base URL of Pi's Platform API: core's `PI_PLATFORM_API_URL`. */
export const PI_API_BASE_URL = PI_PLATFORM_API_URL;

/** What `GET /v2/ads_network/status/{adId}` answers: core's `AdNetworkStatusDTO`, under the name this client has always used. */
export type AdStatusDTO = AdNetworkStatusDTO;

export interface PiPlatformClientOptions {
  /** The app's server API key (developer portal). Sent as `Authorization: Key …`; never logged or put in an error. */
  apiKey: string;
  /** Default `https://api.minepi.com`. The simulator's URL in development. */
  baseUrl?: string;
  /**
   * A fetch to send every request through (a mock, or a fetch of your choice). Without it: on Node,
   * `node:http`/`node:https` with Node's global keep-alive agents, over which a call costs this client
   * 0.4–0.6× the CPU it costs over Node's `fetch` (docs/BENCHMARKS.md); elsewhere (Bun, Deno, Workers, browsers)
   * `globalThis.fetch`, read at each request. msw's `setupServer` intercepts both, also when it
   * starts after the client was created; a stub of `globalThis.fetch` alone is not used on Node:
   * pass it here.
   */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms; default 20 000. */
  timeoutMs?: number;
  /** Extra attempts for requests safe to repeat (reads; approve/complete/cancel after 5xx or network errors); default 2. */
  retries?: number;
  /** Delay before the first retry in ms (doubled each retry, jittered); default 250. */
  retryDelayMs?: number;
  /** Aborts every request of this client (e.g. on shutdown). */
  signal?: AbortSignal;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * The Pi Platform API. Every method rejects with a {@link PiApiError} (Pi's `error`
 * code, HTTP `status`, `body`) when the call fails, and with a `PiArgumentError`
 * (`invalid_argument`) for an empty id, token or txid.
 */
export interface PiPlatformClient {
  /** `GET /v2/me` with `Authorization: Bearer <accessToken>`: the user the token belongs to. 401 (`PiApiError`, status 401) for a bad or expired token. */
  me(accessToken: string, options?: CallOptions): Promise<UserDTO>;
  /** `GET /v2/payments/{id}`. 404 `payment_not_found` for an unknown id. */
  getPayment(paymentId: string, options?: CallOptions): Promise<PaymentDTO>;
  /**
   * `POST /v2/payments/{id}/approve`. Retried after 5xx/network errors: when a retry is
   * answered `already_approved`, the earlier attempt went through and the payment is returned.
   */
  approvePayment(paymentId: string, options?: CallOptions): Promise<PaymentDTO>;
  /**
   * `POST /v2/payments/{id}/complete` with `{ txid }`. Retried after 5xx/network errors: when a
   * retry is answered `already_completed` and Pi's payment carries this txid, the payment is returned.
   */
  completePayment(paymentId: string, txid: string, options?: CallOptions): Promise<PaymentDTO>;
  /** `POST /v2/payments/{id}/cancel`. Retried after 5xx/network errors (a retry finding it cancelled returns it). */
  cancelPayment(paymentId: string, options?: CallOptions): Promise<PaymentDTO>;
  /**
   * `POST /v2/payments` (A2U): creates an app-to-user payment; `amount` in π. Never retried
   * (a repeat could create a second payment): after a failure, look for it with
   * {@link PiPlatformClient.getIncompleteServerPayments}. Rejects with `PiArgumentError` for a
   * non-positive amount, a non-string memo, non-object metadata or an empty uid.
   */
  createA2UPayment(payment: A2UPaymentArgs, options?: CallOptions): Promise<PaymentDTO>;
  /** `GET /v2/payments/incomplete_server_payments`, unwrapped: the array of A2U payments not yet completed. */
  getIncompleteServerPayments(options?: CallOptions): Promise<PaymentDTO[]>;
  /** `GET /v2/ads_network/status/{adId}`: whether a rewarded ad was really watched. */
  getAdStatus(adId: string, options?: CallOptions): Promise<AdStatusDTO>;
}

interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  auth: string;
  body?: unknown;
  /** Whether the request may be repeated after a 5xx / network error. */
  retry: boolean;
  /** On a retry, an error that means the earlier attempt went through: resolve with this instead. */
  recover?: (error: PiApiError) => Promise<unknown> | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Creates a {@link PiPlatformClient}.
 *
 * @throws PiConfigError (`invalid_config`) when `apiKey` is missing or an option is malformed.
 * Source: docs/PI-PLATFORM.md ("The Platform API").
 */
export function createPiPlatformClient(options: PiPlatformClientOptions): PiPlatformClient {
  const apiKey = options?.apiKey;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new PiConfigError("createPiPlatformClient: `apiKey` (your app's server API key from the Pi developer portal) is required.");
  }
  const givenUrl = options.baseUrl ?? PI_API_BASE_URL;
  if (typeof givenUrl !== 'string' || !/^https?:\/\//.test(givenUrl))
    throw new PiConfigError('createPiPlatformClient: `baseUrl` must be an http(s) URL, e.g. "https://api.minepi.com".');
  const baseUrl = givenUrl.replace(/\/+$/, '');
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw new PiConfigError('createPiPlatformClient: `fetch` must be a function (the WHATWG fetch signature).');
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function')
    throw new PiConfigError('createPiPlatformClient: no `fetch` available; pass one as `fetch`.');
  // Without a `fetch`: Node's http(s) where there is Node, else the global fetch, read at each call,
  // not captured here (a mock installed after the client was created sees every request).
  const transport: Transport =
    options.fetch !== undefined
      ? fetchTransport(options.fetch)
      : (nodeHttpTransport() ?? fetchTransport((input, init) => globalThis.fetch(input, init)));
  const timeoutMs = options.timeoutMs ?? 20_000;
  const policy: RetryPolicy = { retries: options.retries ?? 2, baseDelayMs: options.retryDelayMs ?? 250 };
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0))
    throw new PiConfigError('createPiPlatformClient: `timeoutMs` must be a positive number of milliseconds.');
  if (!Number.isInteger(policy.retries) || policy.retries < 0)
    throw new PiConfigError('createPiPlatformClient: `retries` must be a whole number ≥ 0.');
  if (typeof policy.baseDelayMs !== 'number' || !(policy.baseDelayMs >= 0))
    throw new PiConfigError('createPiPlatformClient: `retryDelayMs` must be a number of milliseconds ≥ 0.');
  const keyAuth = `Key ${apiKey}`;

  async function attempt(spec: RequestSpec): Promise<unknown> {
    // A timer of our own, cleared once the answer is read (AbortSignal.timeout's would stay
    // armed, with its signal, for the whole timeoutMs after every call).
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`Pi Platform API call timed out after ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    try {
      return await send(spec, timeout.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  async function send(spec: RequestSpec, timeout: AbortSignal): Promise<unknown> {
    const signal = anySignal(timeout, spec.signal, options.signal)!;
    const headers: Record<string, string> = { Authorization: spec.auth, Accept: 'application/json' };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: TransportResponse;
    try {
      response = await transport({
        method: spec.method,
        url: `${baseUrl}${spec.path}`,
        headers,
        signal,
        repeatable: spec.retry,
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
      });
    } catch (error) {
      throw transportError(spec, error, signal, [spec.signal, options.signal]);
    }
    const { status, text } = response;
    const ok = status >= 200 && status < 300;
    if (ok) {
      const payload = parseBody(text);
      if (typeof payload === 'object' && payload !== null) return payload;
    }
    // Kept in the error: without the API key or the token sent.
    const body = parseBody(redact(text, apiKey, spec.auth));
    if (!ok) {
      const piCode = isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
      const piMessage = isRecord(body) && typeof body.error_message === 'string' ? `: ${body.error_message.replace(/[.\s]+$/, '')}` : '';
      throw new PiApiError({
        code: (piCode ?? 'http_error') as PiApiErrorKind,
        message: `Pi Platform API ${spec.method} ${spec.path} answered ${status}${piCode ? ` ${piCode}` : ''}${piMessage}.${status >= 500 ? " Pi's servers failed; try again later." : ''}`,
        method: spec.method,
        path: spec.path,
        status,
        body,
      });
    }
    throw new PiApiError({
      code: 'invalid_response',
      message: `Pi Platform API ${spec.method} ${spec.path} answered ${status} with a body that is not JSON. Check \`baseUrl\`.`,
      method: spec.method,
      path: spec.path,
      status,
      body,
    });
  }

  async function request<T>(spec: RequestSpec): Promise<T> {
    const attempts = spec.retry ? policy.retries + 1 : 1;
    for (let n = 1; ; n++) {
      try {
        return (await attempt(spec)) as T;
      } catch (error) {
        if (!(error instanceof PiApiError)) throw error;
        if (n > 1 && spec.recover) {
          const recovered = spec.recover(error);
          if (recovered) return (await recovered) as T;
        }
        if (n >= attempts || !error.retryable) throw error;
        await sleep(backoffDelay(policy, n), anySignal(spec.signal, options.signal));
      }
    }
  }

  const id = (paymentId: string) => encodeURIComponent(requireString(paymentId, 'paymentId'));
  const key = (signal: AbortSignal | undefined) => ({ auth: keyAuth, signal });

  const client: PiPlatformClient = {
    async me(accessToken, o) {
      return request<UserDTO>({
        method: 'GET',
        path: '/v2/me',
        auth: `Bearer ${requireAccessToken(accessToken)}`,
        retry: true,
        signal: o?.signal,
      });
    },
    async getPayment(paymentId, o) {
      return request<PaymentDTO>({ method: 'GET', path: `/v2/payments/${id(paymentId)}`, retry: true, ...key(o?.signal) });
    },
    async approvePayment(paymentId, o) {
      return request<PaymentDTO>({
        method: 'POST',
        path: `/v2/payments/${id(paymentId)}/approve`,
        retry: true,
        ...key(o?.signal),
        recover: (e) => (e.code === 'already_approved' ? client.getPayment(paymentId, o) : undefined),
      });
    },
    async completePayment(paymentId, txid, o) {
      requireString(txid, 'txid');
      return request<PaymentDTO>({
        method: 'POST',
        path: `/v2/payments/${id(paymentId)}/complete`,
        body: { txid },
        retry: true,
        ...key(o?.signal),
        recover: (e) =>
          e.code === 'already_completed'
            ? client.getPayment(paymentId, o).then((p) => {
                if (p.status.developer_completed && p.transaction?.txid === txid) return p;
                throw e;
              })
            : undefined,
      });
    },
    async cancelPayment(paymentId, o) {
      return request<PaymentDTO>({
        method: 'POST',
        path: `/v2/payments/${id(paymentId)}/cancel`,
        retry: true,
        ...key(o?.signal),
        recover: (e) =>
          e.status !== undefined && e.status < 500
            ? client.getPayment(paymentId, o).then((p) => {
                if (p.status.cancelled || p.status.user_cancelled) return p;
                throw e;
              })
            : undefined,
      });
    },
    async createA2UPayment(payment, o) {
      if (!payment || typeof payment !== 'object') throw new PiArgumentError('createA2UPayment: pass { amount, memo, metadata, uid }.');
      if (typeof payment.amount !== 'number' || !Number.isFinite(payment.amount) || payment.amount <= 0) {
        throw new PiArgumentError(`createA2UPayment: \`amount\` must be a number of π greater than 0, got ${String(payment.amount)}.`);
      }
      if (typeof payment.memo !== 'string') throw new PiArgumentError('createA2UPayment: `memo` must be a string.');
      if (typeof payment.metadata !== 'object' || payment.metadata === null || Array.isArray(payment.metadata)) {
        throw new PiArgumentError('createA2UPayment: `metadata` must be a plain object.');
      }
      requireString(payment.uid, 'uid');
      return request<PaymentDTO>({ method: 'POST', path: '/v2/payments', body: { payment }, retry: false, ...key(o?.signal) });
    },
    async getIncompleteServerPayments(o) {
      const body = await request<{ incomplete_server_payments?: unknown }>({
        method: 'GET',
        path: '/v2/payments/incomplete_server_payments',
        retry: true,
        ...key(o?.signal),
      });
      if (!Array.isArray(body.incomplete_server_payments)) {
        throw new PiApiError({
          code: 'invalid_response',
          message: 'Pi Platform API GET /v2/payments/incomplete_server_payments answered without an `incomplete_server_payments` array.',
          method: 'GET',
          path: '/v2/payments/incomplete_server_payments',
          status: 200,
          body,
        });
      }
      return body.incomplete_server_payments as PaymentDTO[];
    },
    async getAdStatus(adId, o) {
      return request<AdStatusDTO>({
        method: 'GET',
        path: `/v2/ads_network/status/${encodeURIComponent(requireString(adId, 'adId'))}`,
        retry: true,
        ...key(o?.signal),
      });
    },
  };
  return client;
}

function transportError(spec: RequestSpec, error: unknown, signal: AbortSignal, callerSignals: Array<AbortSignal | undefined>): PiApiError {
  const aborted = callerSignals.some((s) => s?.aborted);
  const code: PiApiErrorKind = aborted ? 'aborted' : signal.aborted ? 'timeout' : 'network_error';
  const what = code === 'aborted' ? 'was aborted' : code === 'timeout' ? 'timed out' : 'failed before an answer came (network error)';
  return new PiApiError({
    code,
    message: `Pi Platform API ${spec.method} ${spec.path} ${what}.${code === 'aborted' ? '' : ' Check the network and `baseUrl`, then try again.'}`,
    method: spec.method,
    path: spec.path,
    cause: error,
  });
}

function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : AbortSignal.any(present);
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new PiArgumentError(`Pi Platform API: \`${name}\` must be a non-empty string.`);
  return value;
}

/**
 * An access token travels in an HTTP header: printable ASCII without spaces. Anything else
 * (control characters, non-Latin-1 text) can never be a valid token, and `fetch` would throw
 * on it as if Pi were unreachable.
 */
function requireAccessToken(value: unknown): string {
  const token = requireString(value, 'accessToken');
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new PiArgumentError('Pi Platform API: `accessToken` is not an access token (printable ASCII only); sign the user in again.');
  }
  return token;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Removes the API key (and the token sent) from a body before it is kept in an error. */
function redact(text: string, apiKey: string, auth: string): string {
  let out = text.split(apiKey).join('[redacted]');
  const credential = auth.slice(auth.indexOf(' ') + 1);
  if (credential.length >= 8) out = out.split(credential).join('[redacted]');
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
