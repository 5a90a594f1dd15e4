import { usePayment, usePiAuth } from '@pi-kit/react';
import { PRODUCTS } from '../../shared/catalog';

export function Products() {
  const { status } = usePiAuth();
  const { pay, canPay } = usePayment();
  const signedIn = status === 'authenticated';
  return (
    <section>
      <h2>Products</h2>
      <ul className="products">
        {PRODUCTS.map((product) => (
          <li key={product.id}>
            <span className="emoji">{product.emoji}</span>
            <span>{product.name}</span>
            <strong>{product.price} π</strong>
            <button
              type="button"
              data-testid={`buy-${product.id}`}
              disabled={!signedIn || !canPay}
              // The promise rejects with a typed error on cancel or failure; the panel shows it from the hook.
              onClick={() => void pay({ amount: product.price, memo: product.name, metadata: { productId: product.id } }).catch(() => {})}
            >
              Buy
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
