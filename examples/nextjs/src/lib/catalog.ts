/** What the example sells: one product, priced on the server (the browser's amount is never trusted). */
export const PRODUCT = { id: 'sticker-pack', name: 'Pi sticker pack', price: 1.5 } as const;
