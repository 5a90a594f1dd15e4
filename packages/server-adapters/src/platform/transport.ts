/**
 * How the Platform API client sends a request: through a `fetch`, or through Node's `node:http` /
 * `node:https`, over which a call costs 0.4–0.6× the CPU it costs over Node's `fetch` (docs/BENCHMARKS.md,
 * "Pi calls: fetch or node:http"). The client only needs the status and the body's text.
 */

/** One request as the client sends it: absolute URL, headers, the JSON body already serialised. */
export interface TransportRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborts the request (timeout, the caller's or the client's signal). */
  signal: AbortSignal;
  /**
   * Whether sending it twice is safe (Pi answers a repeat as the first, or it only reads): then a
   * transport may resend it at once when its connection turned out dead before anything came back.
   */
  repeatable: boolean;
}

/** The answer: HTTP status and the body as text (UTF-8). */
export interface TransportResponse {
  status: number;
  text: string;
}

/**
 * Sends one request. Rejects only when no complete answer came (network error, abort); any
 * HTTP status resolves.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** A transport over `fetchImpl` (the caller decides when `fetch` is read). */
export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async ({ method, url, headers, body, signal }) => {
    const response = await fetchImpl(url, { method, headers, signal, ...(body !== undefined ? { body } : {}) });
    return { status: response.status, text: await response.text() };
  };
}
