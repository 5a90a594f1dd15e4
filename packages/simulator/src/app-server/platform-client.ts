/**
 * The app server's calls to the simulated Platform API (`network.platformApi`),
 * made exactly as a real app server makes them: `Authorization: Key <api key>`
 * for payments, `Bearer <access token>` for `/v2/me`.
 *
 * Not server-adapters' `PiPlatformClient`: server-adapters' tests run on the simulator (the
 * dependency would be circular), and the simulated app server runs in process without
 * server-adapters' Node dependencies. See docs/ARCHITECTURE.md.
 */
import type { PaymentDTO, PiApiErrorBody, UserDTO } from '@pi-kit/core';
import type { PiNetwork } from '../engine/types';
import { PI_PLATFORM_API_URL as API_BASE, RouteError } from '@pi-kit/core';

/** The Platform API as the simulated app server uses it. Every method throws {@link RouteError}. */
export interface AppPlatformClient {
  me(accessToken: string): Promise<UserDTO>;
  getPayment(paymentId: string): Promise<PaymentDTO>;
  approve(paymentId: string): Promise<PaymentDTO>;
  complete(paymentId: string, txid: string): Promise<PaymentDTO>;
  cancel(paymentId: string): Promise<PaymentDTO>;
}

/**
 * The Platform API client of the simulated app server, calling `network.platformApi` with the app's
 * API key. Its methods resolve Pi's JSON (PaymentDTO, UserDTO) and throw {@link RouteError}: Pi's 4xx
 * keep their status and code, a refused API key becomes 502 `pi_unauthorized`, Pi's 5xx, HTML
 * pages and dropped connections become 502 `pi_unavailable`.
 */
export function createAppPlatformClient(network: Pick<PiNetwork, 'platformApi' | 'app'>): AppPlatformClient {
  const call = async <T>(method: 'GET' | 'POST', path: string, authorization: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    try {
      response = await network.platformApi(new Request(`${API_BASE}${path}`, init));
    } catch (cause) {
      throw new RouteError(502, 'pi_unavailable', 'The Pi Platform API could not be reached. Try again.', { cause });
    }
    const text = await response.text();
    const json = parseJson(text);
    if (response.ok && json !== undefined) return json as T;
    if (response.status >= 500 || json === undefined) {
      throw new RouteError(502, 'pi_unavailable', `The Pi Platform API answered ${response.status}. Try again.`);
    }
    const error = json as Partial<PiApiErrorBody>;
    const code = typeof error.error === 'string' ? error.error : 'pi_api_error';
    const message = typeof error.error_message === 'string' ? error.error_message : `Pi answered ${response.status}.`;
    if (response.status === 401 && authorization.startsWith('Key ')) {
      throw new RouteError(502, 'pi_unauthorized', `The Pi Platform API refused the app's API key: ${message}`);
    }
    // As @pi-kit/server-adapters answers Pi's refusals: 404 for an unknown payment, 502 `pi_<code>` for
    // the others (a 401 of a user's token is the caller's to turn into `invalid_token`).
    if (response.status === 401) throw new RouteError(401, code, message);
    if (response.status === 404) throw new RouteError(404, 'payment_not_found', `Pi does not know this payment: ${message}`);
    throw new RouteError(502, `pi_${code}`, `Pi's API refused the request: ${message}`);
  };
  const key = `Key ${network.app.apiKey}`;
  const payment = (id: string) => `/v2/payments/${encodeURIComponent(id)}`;
  return {
    me: (accessToken) => call('GET', '/v2/me', `Bearer ${accessToken}`),
    getPayment: (id) => call('GET', payment(id), key),
    approve: (id) => call('POST', `${payment(id)}/approve`, key, {}),
    complete: (id, txid) => call('POST', `${payment(id)}/complete`, key, { txid }),
    cancel: (id) => call('POST', `${payment(id)}/cancel`, key, {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
