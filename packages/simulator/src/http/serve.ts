/**
 * Fetch-API plumbing shared by the simulated Platform API and Horizon: bounded
 * body reading, JSON answers, fault application and the `api.call` log.
 */
import { SimulatedConnectionDrop } from '../engine/errors';
import type { FaultRule } from '../engine/faults';
import type { HttpEngine } from '../engine/ports';
import type { SimApi, SimEventInput } from '../engine/types';
import { MAX_REQUEST_BODY_BYTES } from '@pi-kit/core/internal';

type ApiCallEvent = Extract<SimEventInput, { type: 'api.call' }>;

/** The largest request body a handler reads, in bytes: core's `MAX_REQUEST_BODY_BYTES` (64 KiB), as the Node server. */
export const MAX_BODY_BYTES = MAX_REQUEST_BODY_BYTES;

/** An answer before it becomes a `Response`. `error` is logged (Pi's error code or Horizon's result code). */
export interface Answer {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  error?: string;
}

/** Reads a body as text, or `undefined` when it is larger than `limit` bytes. */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return new TextDecoder().decode(chunks[0]);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

const HTML_PAGES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** An nginx-style HTML error page, as Pi's servers occasionally answer. */
export function htmlErrorPage(status: number): string {
  const title = `${status} ${HTML_PAGES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * The `Response` of an answer: a string body and one plain headers object, the API's `base`
 * headers (a fresh object, filled in here) then the answer's, then the content type.
 */
function toResponse(answer: Answer, base: Record<string, string> | undefined): Response {
  const headers: Record<string, string> = Object.assign(base ?? {}, answer.headers);
  if (answer.body === undefined) return new Response(null, { status: answer.status, headers });
  headers['content-type'] = answer.contentType ?? 'application/json; charset=utf-8';
  return new Response(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), { status: answer.status, headers });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What each API answers an injected status fault with when the rule gives no body. */
export type FaultBody = (status: number) => Answer;

type Fault = 'status' | 'html' | 'drop' | 'delay';

/** One call being served: what its `api.call` event and its `Response` need. */
interface Call {
  network: HttpEngine;
  api: SimApi;
  method: string;
  path: string;
  baseHeaders: (() => Record<string, string>) | undefined;
  /** `performance.now()` when the call arrived. */
  startedAt: number;
}

/** The payment a Platform API path names (`/v2/payments/{id}[/…]`). */
const PAYMENT_PATH = /^\/v2\/payments\/([^/]+)/;

/** The payment a call concerned: named by its path, or the `identifier` of the payment it answered. */
function paymentIdOf(call: Call, body: unknown): string | undefined {
  const inPath = call.api === 'platform' ? PAYMENT_PATH.exec(call.path)?.[1] : undefined;
  if (inPath !== undefined && inPath !== 'incomplete_server_payments') return decodedOrRaw(inPath);
  if (body === null || typeof body !== 'object') return undefined;
  const { identifier, payment } = body as { identifier?: unknown; payment?: { identifier?: unknown } | null };
  if (typeof identifier === 'string') return identifier;
  return typeof payment?.identifier === 'string' ? payment.identifier : undefined;
}

/** A path segment decoded, or as it came when it is not valid percent-encoding (`%E0%A4%A`). */
function decodedOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The call's `api.call` event. */
function callEvent(call: Call, status: number, body: unknown): ApiCallEvent {
  const event: ApiCallEvent = { type: 'api.call', api: call.api, method: call.method, path: call.path, status };
  event.durationMs = Math.round((performance.now() - call.startedAt) * 100) / 100;
  const paymentId = paymentIdOf(call, body);
  if (paymentId !== undefined) event.paymentId = paymentId;
  return event;
}

/** Logs the call's `api.call` event and builds its `Response`. */
function finish(call: Call, answer: Answer, fault?: Fault): Response {
  const event = callEvent(call, answer.status, answer.body);
  if (answer.error !== undefined) event.error = answer.error;
  if (fault) event.fault = fault;
  call.network.log(event);
  return toResponse(answer, call.baseHeaders?.());
}

/** Runs the handler; a throw is a bug of the simulator: answered as a 500 (never crash the caller's server), and said so. */
async function run(
  request: Request,
  path: string,
  handle: (request: Request, path: string) => Promise<Answer>,
  faultBody: FaultBody,
): Promise<Answer> {
  try {
    return await handle(request, path);
  } catch (error) {
    return { ...faultBody(500), error: `internal_error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Runs a handler under the network's fault rules and logs the call as an `api.call` event.
 * Never rejects, except with {@link SimulatedConnectionDrop} for a `drop` fault.
 */
export async function serve(
  network: HttpEngine,
  api: SimApi,
  request: Request,
  handle: (request: Request, path: string) => Promise<Answer>,
  faultBody: FaultBody,
  baseHeaders?: () => Record<string, string>,
): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    url = new URL('http://invalid/');
  }
  const method = request.method.toUpperCase();
  const path = url.pathname;
  const call: Call = { network, api, method, path, baseHeaders, startedAt: performance.now() };
  const rule = network.faults.take({ api, method, path, url: url.href });
  if (!rule) return finish(call, await run(request, path, handle, faultBody));
  return applyFault(
    rule,
    () => run(request, path, handle, faultBody),
    faultBody,
    (answer, fault) => finish(call, answer, fault),
    () => {
      const event = callEvent(call, 0, undefined);
      event.fault = 'drop';
      network.log(event);
      return new SimulatedConnectionDrop(`${method} ${path}`);
    },
  );
}

async function applyFault(
  rule: FaultRule,
  run: () => Promise<Answer>,
  faultBody: FaultBody,
  finish: (answer: Answer, fault?: Fault) => Response,
  drop: () => SimulatedConnectionDrop,
): Promise<Response> {
  if (rule.delayMs) await delay(rule.delayMs);
  const spoils = rule.drop || rule.html !== undefined || rule.status !== undefined || rule.body !== undefined;
  if (!spoils) return finish(await run(), 'delay');
  if (rule.after) await run();
  if (rule.drop) throw drop();
  if (rule.html !== undefined) {
    const status = rule.status ?? 502;
    const html = typeof rule.html === 'string' ? rule.html : htmlErrorPage(status);
    return finish({ status, body: html, contentType: 'text/html', error: 'html_page' }, 'html');
  }
  const status = rule.status ?? 500;
  if (rule.body === undefined) return finish(faultBody(status), 'status');
  const body = rule.body;
  const error = body && typeof body === 'object' && 'error' in body ? String((body as { error: unknown }).error) : 'simulated_fault';
  return finish({ status, body, error }, 'status');
}
