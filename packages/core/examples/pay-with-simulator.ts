/**
 * A complete U2A payment with @pi-kit/core against the simulated Pi network:
 * sign in, pay, watch the phases, get the completed PaymentDTO.
 *
 * Run from the repository root:
 *   node --conditions=@pi-kit/source --import tsx packages/core/examples/pay-with-simulator.ts
 */
import { createFetchTransport, createPiClient } from '@pi-kit/core';
import { createPiNetwork, createSimulatedAppServer, createSimulatedPi } from '@pi-kit/simulator';

// Pi (simulated): a network with one user, her Pi SDK, and an app server for the contract routes.
const network = createPiNetwork({ users: [{ username: 'alice', balance: 100 }] });
const Pi = createSimulatedPi(network, { user: 'alice', wallet: 'approve' });
const appServer = createSimulatedAppServer(network);

// The app: in a browser you would only pass { sandbox: false } (window.Pi and same-origin /api/pi).
const client = createPiClient({
  sandbox: false,
  sdk: Pi,
  transport: createFetchTransport({
    baseUrl: 'https://shop.example',
    fetch: (input, init) => appServer.fetch(new Request(input, init)),
  }),
});

client.store.subscribe((state, previous) => {
  if (state.auth.status !== previous.auth.status) console.log('auth:', state.auth.status);
});

const { user } = await client.authenticate(['username', 'payments']);
console.log('signed in as', user.username);

const payment = client.createPayment({ amount: 3.1415, memo: 'Digital kitten #1234', metadata: { orderId: 1234 } });
payment.on('phase', (phase) => console.log('phase:', phase));
payment.on('error', (error) => console.log('retrying after:', error.code));

try {
  const completed = await payment; // resolves only after the server's /complete succeeded
  console.log('paid', completed.amount, 'π, txid', completed.transaction?.txid);
} catch (error) {
  console.error('payment failed:', error);
} finally {
  Pi.dispose();
}
