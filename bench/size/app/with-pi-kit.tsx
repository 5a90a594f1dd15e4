// An app that signs in and pays with pi-kit, as most do: <PiProvider options>, which loads Pi's
// script and reaches the app server with the fetch transport.
import { PiProvider } from '@pi-kit/react';
import { createRoot } from 'react-dom/client';
import { PayPage } from './pay-page';

createRoot(document.getElementById('root')!).render(
  <PiProvider options={{ sandbox: false }}>
    <PayPage />
  </PiProvider>,
);
