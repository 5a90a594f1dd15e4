/**
 * The world the fuzzers attack: a simulated network with payments in every state (one
 * completed and delivered, one cancelled, one awaiting approval, one approved and paid but
 * not completed), the app server's handlers over a memory store, and a snapshot of all
 * state, so a fuzzer can assert that bad input changed nothing.
 */
import { createMemoryStore, createPaymentHandlers, PAYMENT_STATES, type PaymentHandlers, type PaymentStore } from '@pi-kit/server-adapters';
import { createPiNetwork, type PiNetwork } from '@pi-kit/simulator';
import type { PaymentDTO } from '@pi-kit/core';

export const PI_API = 'https://api.minepi.com';
export const APP = 'http://shop.test';

export interface Fixture {
  network: PiNetwork;
  store: PaymentStore;
  handlers: PaymentHandlers;
  tokens: { alice: string; bob: string };
  payments: { completed: PaymentDTO; cancelled: PaymentDTO; awaitingApproval: PaymentDTO; paid: PaymentDTO };
  /** Everything a request could change: Pi's payments and balances, the store's records, the app's side effects. */
  snapshot(): Promise<string>;
}

/** Routes `fetch` of the handlers to the network's Platform API or Horizon, in process. */
export function networkFetch(network: PiNetwork): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    return new URL(request.url).origin === PI_API ? network.platformApi(request) : network.horizon(request);
  }) as typeof fetch;
}

export async function createFixture(): Promise<Fixture> {
  const network = createPiNetwork({
    seed: 11,
    users: [
      { username: 'alice', balance: 100 },
      { username: 'bob', balance: 100 },
    ],
  });
  const store = createMemoryStore();
  const effects: string[] = [];
  const handlers = createPaymentHandlers({
    apiKey: network.app.apiKey,
    network: network.app.network,
    store,
    platform: { baseUrl: PI_API, fetch: networkFetch(network), retries: 0 },
    logger: false,
    fetch: networkFetch(network),
    waitMs: 50,
    onApprove: (payment) => {
      effects.push(`approve ${payment.identifier}`);
    },
    onComplete: (payment) => {
      effects.push(`deliver ${payment.identifier}`);
    },
    onCancel: (payment) => {
      effects.push(`release ${payment.identifier}`);
    },
  });
  const alice = network.authenticate('alice', ['username', 'payments']).accessToken;
  const bob = network.authenticate('bob', ['username', 'payments']).accessToken;
  const post = (route: string, body: unknown) =>
    handlers.fetch(
      new Request(`${APP}/api/pi/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  // completed and delivered (alice)
  let p = network.createPayment('alice', { amount: 1, memo: 'done', metadata: { order: 1 } });
  await post('approve', { paymentId: p.identifier, accessToken: alice });
  let paid = network.submitTransaction(p.identifier);
  await post('complete', { paymentId: p.identifier, txid: paid.transaction!.txid });
  const completed = network.getPayment(p.identifier)!;
  // cancelled (alice)
  p = network.createPayment('alice', { amount: 2, memo: 'cancelled', metadata: { order: 2 } });
  await post('approve', { paymentId: p.identifier, accessToken: alice });
  network.cancelByUser(p.identifier);
  await post('cancel', { paymentId: p.identifier });
  const cancelled = network.getPayment(p.identifier)!;
  // approved and paid, not completed (alice): an incomplete payment
  p = network.createPayment('alice', { amount: 3, memo: 'paid', metadata: { order: 3 } });
  await post('approve', { paymentId: p.identifier, accessToken: alice });
  paid = network.submitTransaction(p.identifier);
  // awaiting approval (bob)
  const awaitingApproval = network.createPayment('bob', { amount: 4, memo: 'waiting', metadata: { order: 4 } });

  return {
    network,
    store,
    handlers,
    tokens: { alice, bob },
    payments: { completed, cancelled, awaitingApproval, paid: network.getPayment(paid.identifier)! },
    async snapshot() {
      const users = ['alice', 'bob'].map((u) => network.balanceOf(network.user(u).walletAddress));
      const records = await store.list([...PAYMENT_STATES]);
      return JSON.stringify({
        payments: network.payments(),
        balances: [...users, network.balanceOf(network.app.walletAddress)],
        records: records.map((r) => ({ ...r, updatedAt: 0, claimOwner: null, claimExpiresAt: null })),
        effects,
      });
    },
  };
}
