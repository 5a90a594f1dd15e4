/**
 * The page, rendered on the server for every request (it reads the environment then):
 * the product comes from the server's catalog, and the client components
 * (`@pi-kit/react`) render their initial state into the HTML before hydrating.
 */
import { connection } from 'next/server';
import { PiCheckout } from '../components/PiCheckout';
import { PRODUCT } from '../lib/catalog';
import { readPiConfig } from '../lib/pi-config';

export default async function Page() {
  await connection(); // render per request, not at build time: the configuration is read at run time
  const config = readPiConfig();
  return (
    <main>
      <h1 data-testid="page-title">π stickers, with Next.js</h1>
      <p data-testid="product" data-product-id={PRODUCT.id}>
        {PRODUCT.name}: <strong>{PRODUCT.price} π</strong>
      </p>
      <p data-testid="pi-mode">
        {config.mode === 'simulator' ? 'Simulated Pi network' : `Pi ${config.browser.sandbox ? 'sandbox' : 'Browser'} (${config.network})`}
      </p>
      {/* Only the browser half of the configuration crosses to the client: never the API key. */}
      <PiCheckout pi={config.browser} product={PRODUCT} />
    </main>
  );
}
