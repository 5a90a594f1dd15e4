// The same app in a page that loads Pi's script itself (<script src="https://sdk.minepi.com/pi-sdk.js">):
// createBarePiClient and <PiClientProvider>, so Pi's script loader is not bundled.
import { createBarePiClient, createFetchTransport } from '@pi-kit/core';
import { PiClientProvider } from '@pi-kit/react';
import { createRoot } from 'react-dom/client';
import { PayPage } from './pay-page';

const client = createBarePiClient({ sandbox: false, transport: createFetchTransport() });

createRoot(document.getElementById('root')!).render(
  <PiClientProvider client={client}>
    <PayPage />
  </PiClientProvider>,
);
