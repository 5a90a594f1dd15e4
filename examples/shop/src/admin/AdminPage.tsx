import { useCallback, useEffect, useState } from 'react';
import { findProduct, type Order } from '../../shared/catalog';
import { AdminApiError, listPaidOrders, refundOrder, saveAdminToken, savedAdminToken } from './admin-api';

/**
 * `/admin`: the shop's paid orders, each with a "Refund" button that pays the order's amount
 * back to the buyer (an A2U payment made by the shop's server with the app wallet). An order
 * reads `refunded` only after Pi completed the A2U payment; the server refuses a second refund.
 */
export function AdminPage() {
  const [token, setToken] = useState(savedAdminToken);
  const [draft, setDraft] = useState(token);
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refundError, setRefundError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      setOrders(await listPaidOrders(token));
      setError(null);
    } catch (cause) {
      setOrders(null);
      setError(
        cause instanceof AdminApiError && cause.status === 401 ? 'This admin token is not the shop’s.' : String((cause as Error).message),
      );
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  // A refund another tab (or a failed attempt) left in progress: reload until it settles.
  const refunding = orders?.some((order) => order.status === 'refunding') ?? false;
  useEffect(() => {
    if (!refunding || busy) return;
    const timer = setInterval(() => void load(), 1500);
    return () => clearInterval(timer);
  }, [refunding, busy, load]);

  async function refund(paymentId: string) {
    setBusy(paymentId);
    setRefundError(null);
    try {
      await refundOrder(token, paymentId);
    } catch (cause) {
      setRefundError(cause instanceof AdminApiError ? `${cause.code}: ${cause.message}` : String(cause));
    } finally {
      setBusy(null);
      await load();
    }
  }

  return (
    <main>
      <header>
        <h1>π shop admin</h1>
        <a href="/">Back to the shop</a>
      </header>
      <section>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            saveAdminToken(draft);
            setToken(draft);
          }}
        >
          <label>
            Admin token{' '}
            <input
              data-testid="admin-token"
              type="password"
              autoComplete="off"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
            />
          </label>{' '}
          <button type="submit" data-testid="admin-signin">
            Open
          </button>
        </form>
        {error ? (
          <p role="alert" data-testid="admin-error">
            {error}
          </p>
        ) : null}
      </section>
      {orders ? (
        <section>
          <h2>Paid orders</h2>
          {refundError ? (
            <p role="alert" data-testid="refund-error">
              {refundError}
            </p>
          ) : null}
          <ul data-testid="admin-order-list" className="admin-orders">
            {orders.map((order) => (
              <li key={order.paymentId} data-testid="admin-order" data-payment-id={order.paymentId} data-status={order.status}>
                <span>
                  {findProduct(order.productId)?.emoji} {findProduct(order.productId)?.name ?? order.productId} — {order.amount} π — user{' '}
                  <code>{order.uid}</code> — <strong>{order.status}</strong>
                </span>
                {order.refund ? (
                  <span>
                    refund <code data-testid="refund-payment-id">{order.refund.paymentId}</code>
                    {order.refund.txid ? (
                      <>
                        {' '}
                        txid <code data-testid="refund-txid">{order.refund.txid}</code>
                      </>
                    ) : null}
                  </span>
                ) : null}
                {order.status === 'refunded' ? null : (
                  <button type="button" data-testid="refund-button" disabled={busy !== null} onClick={() => void refund(order.paymentId)}>
                    {busy === order.paymentId ? 'Refunding…' : order.status === 'refunding' ? 'Finish refund' : 'Refund'}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {orders.length === 0 ? <p>No paid orders yet.</p> : null}
        </section>
      ) : null}
    </main>
  );
}
