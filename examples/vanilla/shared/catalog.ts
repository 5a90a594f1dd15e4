/**
 * What the vanilla example sells, shared by the page (to show it) and the server
 * (to check each payment: the amount comes from Pi, never from the browser).
 */
export interface Product {
  id: string;
  name: string;
  /** Price in π. */
  price: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: 'coffee', name: 'A coffee for the developer', price: 1 },
  { id: 'ebook', name: 'E-book: Pi payments in practice', price: 2.5 },
];

export function findProduct(id: unknown): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}
