/**
 * The shop's products, shared by the browser (to show and pay) and the server
 * (to check a payment against the order: the server never trusts the amount a
 * browser sends, it reads the payment from Pi and compares it with this list).
 * Prices are in π.
 */
export interface Product {
  id: string;
  name: string;
  emoji: string;
  price: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: 'kitten', name: 'Digital kitten', emoji: '🐱', price: 3.1415 },
  { id: 'coffee', name: 'Cup of coffee', emoji: '☕', price: 1 },
  { id: 'rocket', name: 'Toy rocket', emoji: '🚀', price: 12.5 },
];

export function findProduct(id: unknown): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

/** An order as the shop's API returns it. */
export interface Order {
  paymentId: string;
  productId: string;
  uid: string;
  amount: number;
  /** `refunding`: an admin started a refund that is not finished; `refunded`: Pi's A2U `/complete` answered 200. */
  status: 'pending' | 'paid' | 'cancelled' | 'refunding' | 'refunded';
  txid: string | null;
  createdAt: string;
  paidAt: string | null;
  /** The A2U payment that pays the buyer back, once created; `txid` once submitted; `refundedAt` once completed. */
  refund: { paymentId: string; txid: string | null; refundedAt: string | null } | null;
}
