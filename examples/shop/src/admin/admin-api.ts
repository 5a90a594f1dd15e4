/**
 * The admin page's calls to the shop's admin API (`/api/admin/*`), with the admin token the
 * admin typed in (kept for the tab in sessionStorage, never built into the page).
 */
import type { Order } from '../../shared/catalog';

/** An admin API answer that was not 2xx: the server's `{ error: { code, message } }`. */
export class AdminApiError extends Error {
  override name = 'AdminApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, headers: { authorization: `Bearer ${token}` } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok)
    throw new AdminApiError(response.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${response.status}`);
  return body as T;
}

/** Paid, refunding and refunded orders of every user, newest first. */
export const listPaidOrders = (token: string) => call<{ orders: Order[] }>('/api/admin/orders', token).then((body) => body.orders);

/** Pays the order back to its buyer (A2U); resolves the refunded order. */
export const refundOrder = (token: string, paymentId: string) =>
  call<{ order: Order }>(`/api/admin/orders/${encodeURIComponent(paymentId)}/refund`, token, { method: 'POST' }).then((body) => body.order);

const TOKEN_KEY = 'pi-kit-shop-admin-token';
export const savedAdminToken = (): string => sessionStorage.getItem(TOKEN_KEY) ?? '';
export const saveAdminToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
