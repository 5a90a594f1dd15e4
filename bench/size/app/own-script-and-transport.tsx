// The same app with its own <script> and its own transport (a POST per route, here): neither Pi's
// script loader nor the fetch transport is bundled. The transport is the app's code, counted here.
import { createBarePiClient } from '@pi-kit/core';
import { PiClientProvider } from '@pi-kit/react';
import { createRoot } from 'react-dom/client';
import { PayPage } from './pay-page';

const post = (route: string) => (body: object) =>
  fetch(`/api/pi/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) =>
    r.json(),
  );
const transport = { approve: post('approve'), complete: post('complete'), cancel: post('cancel'), incomplete: post('incomplete') };

const client = createBarePiClient({ sandbox: false, transport });

createRoot(document.getElementById('root')!).render(
  <PiClientProvider client={client}>
    <PayPage />
  </PiClientProvider>,
);
