import { usePayment, usePiAuth } from '@pi-kit/react';
import { useEffect, useState } from 'react';
import { findProduct, type Order } from '../../shared/catalog';

/** The signed-in user's orders, read from the shop's server (which verifies the access token with Pi). */
export function Orders() {
  const { accessToken, incompletePayment } = usePiAuth();
  const { phase } = usePayment();
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const recovery = incompletePayment?.status;
  const hasPending = orders?.some((order) => order.status === 'pending') ?? false;

  // biome-ignore lint/correctness/useExhaustiveDependencies: phase and recovery are triggers: reload when a payment ends or a recovery finishes.
  useEffect(() => {
    if (!accessToken) return;
    const controller = new AbortController();
    const load = () =>
      fetch('/api/orders', { headers: { authorization: `Bearer ${accessToken}` }, signal: controller.signal })
        .then(async (response) => {
          if (!response.ok) throw new Error(`The shop could not list your orders (HTTP ${response.status}).`);
          setOrders((await response.json()).orders as Order[]);
          setError(null);
        })
        .catch((cause: unknown) => {
          if (!controller.signal.aborted) setError(cause instanceof Error ? cause.message : String(cause));
        });
    void load();
    // The server settles some orders after the page moved on (a cancellation is reported to it in the
    // background; a recovery or reconcile() may finish later): poll while any order is pending.
    const timer = hasPending ? setInterval(load, 1500) : undefined;
    return () => {
      controller.abort();
      clearInterval(timer);
    };
    // Reload when a payment ends or a recovery finishes.
  }, [accessToken, phase, recovery, hasPending]);

  if (!accessToken) return null;
  return (
    <section>
      <h2>Your orders</h2>
      {error ? <p role="alert">{error}</p> : null}
      <ul data-testid="order-list" data-loaded={orders !== null}>
        {(orders ?? []).map((order) => (
          <li key={order.paymentId} data-testid="order" data-payment-id={order.paymentId} data-status={order.status}>
            {findProduct(order.productId)?.emoji} {findProduct(order.productId)?.name ?? order.productId} — {order.amount} π —{' '}
            <strong>{order.status}</strong>
          </li>
        ))}
      </ul>
      {orders && orders.length === 0 ? <p>No orders yet.</p> : null}
    </section>
  );
}
