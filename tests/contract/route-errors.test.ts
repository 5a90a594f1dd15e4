/**
 * One contract, two app servers: `@pi-kit/server-adapters` (production) and the simulator's app
 * server (behind `renderWithPi` and the harnesses) answer every refusal with the same HTTP status
 * and the same code of `ROUTE_ERROR_STATUS`, so tests against the simulator see what production
 * sends.
 */
import { ROUTE_ERROR_STATUS, type RouteErrorCode } from '@pi-kit/core';
import { createMemoryStore, createPaymentHandlers } from '@pi-kit/server-adapters';
import { createPiNetwork, createSimulatedAppServer, type PiNetwork } from '@pi-kit/simulator';
import { describe, expect, it } from 'vitest';

type AppServer = (request: Request) => Promise<Response>;

const servers: Record<string, (network: PiNetwork) => AppServer> = {
  'server-adapters': (network) => {
    const viaNetwork = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      return new URL(request.url).pathname.startsWith('/v2') ? network.platformApi(request) : network.horizon(request);
    };
    const handlers = createPaymentHandlers({
      apiKey: network.app.apiKey,
      network: network.app.network,
      store: createMemoryStore(),
      platform: { fetch: viaNetwork as typeof fetch, retries: 0 },
      fetch: viaNetwork as typeof fetch,
      logger: false,
      onApprove: () => true,
      onComplete: () => {},
    });
    return (request) => handlers.fetch(request);
  },
  'simulator app server': (network) => {
    const app = createSimulatedAppServer(network);
    return (request) => app.fetch(request);
  },
};

const post = (route: string, body: unknown) =>
  new Request(`http://app.test/api/pi/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** Each case: what to send (made on a fresh network), and the code both must answer. */
const cases: Array<[string, RouteErrorCode, (network: PiNetwork) => Request]> = [
  ['a body that is not JSON', 'invalid_json', () => post('approve', 'not json')],
  ['a malformed body', 'invalid_body', () => post('approve', { paymentId: 1 })],
  ['an unknown route', 'route_not_found', () => post('nope', {})],
  ['a GET', 'method_not_allowed', () => new Request('http://app.test/api/pi/approve')],
  [
    'a bad access token',
    'invalid_token',
    (network) => post('approve', { paymentId: network.createPayment('alice', data).identifier, accessToken: 'x'.repeat(30) }),
  ],
  [
    "another user's payment",
    'payment_user_mismatch',
    (network) =>
      post('approve', {
        paymentId: network.createPayment('alice', data).identifier,
        accessToken: network.authenticate('bob', ['username', 'payments']).accessToken,
      }),
  ],
  [
    'an A2U payment at approve',
    'wrong_direction',
    (network) =>
      post('approve', {
        paymentId: network.createAppPayment({ ...data, uid: network.user('alice').uid }).identifier,
        accessToken: token(network),
      }),
  ],
  [
    'complete before any transaction',
    'missing_transaction',
    (network) => post('complete', { paymentId: approved(network), txid: 'a'.repeat(64), accessToken: token(network) }),
  ],
  [
    'complete with another txid',
    'txid_mismatch',
    (network) => {
      const id = approved(network);
      network.submitTransaction(id);
      return post('complete', { paymentId: id, txid: 'a'.repeat(64), accessToken: token(network) });
    },
  ],
  [
    'cancel a paid payment',
    'payment_has_transaction',
    (network) => {
      const id = approved(network);
      network.submitTransaction(id);
      return post('cancel', { paymentId: id, accessToken: token(network) });
    },
  ],
];

const data = { amount: 1, memo: 'm', metadata: {} };
const token = (network: PiNetwork) => network.authenticate('alice', ['username', 'payments']).accessToken;
function approved(network: PiNetwork): string {
  const id = network.createPayment('alice', data).identifier;
  network.approvePayment(id);
  return id;
}

describe('route errors: the same status and code from both app servers', () => {
  it.each(cases)('%s: %s', async (_case, code, request) => {
    const answers = [];
    for (const make of Object.values(servers)) {
      const network = createPiNetwork({ seed: 5, users: [{ username: 'alice' }, { username: 'bob' }] });
      const response = await make(network)(request(network));
      answers.push({ status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code });
    }
    expect(answers).toEqual([
      { status: ROUTE_ERROR_STATUS[code], code },
      { status: ROUTE_ERROR_STATUS[code], code },
    ]);
  });
});
