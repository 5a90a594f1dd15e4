/** What the starter sells: the server checks every payment's amount against this list. */
export interface Product {
  id: string;
  name: string;
  /** Price in π. */
  price: number;
}

export const PRODUCTS: readonly Product[] = [{ id: 'kitten', name: 'Digital kitten', price: 3.14 }];

/** The product of an id, or `undefined`. */
export function productById(id: unknown): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}
