/**
 * Pi's own Node backend SDK, npm `pi-backend` 0.1.3 (https://github.com/pi-apps/pi-nodejs, with its
 * stellar-sdk 10), pays a user with an A2U payment against `pi-sim`, unchanged but for its
 * hard-coded Horizon host (`https://api.testnet.minepi.com`, replaced by pi-sim's `/horizon`):
 * `createPayment` → `submitPayment` → `completePayment`, as Pi's README shows it
 * (docs/PI-PLATFORM.md, "A2U payments"). A second submission is refused and pays nothing.
 */
import { createRequire } from 'node:module';
import PiNetwork from 'pi-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PiSimProcess, startPiSimProcess } from './pi-sim-process';

// pi-backend's own stellar-sdk (10.x), the one its `getHorizonClient` builds a server with.
const StellarSdk10 = createRequire(createRequire(import.meta.url).resolve('pi-backend'))('stellar-sdk') as {
  Server: new (url: string, options: { allowHttp: boolean }) => unknown;
};
let sim: PiSimProcess;

beforeAll(async () => {
  sim = await startPiSimProcess(['--user', 'bob:100']);
});
afterAll(() => sim?.stop());

/** pi-backend as Pi's README creates it, the Platform API at pi-sim (its `baseUrl` option), Horizon at pi-sim's. */
function piBackend(): PiNetwork {
  const pi = new PiNetwork(sim.apiKey, sim.walletSecret, { baseUrl: sim.url });
  // The one change: pi-backend hard-codes Pi's Horizon hosts. Its own method still runs (it sets
  // the network passphrase); only the server it returns points at pi-sim.
  const own = pi as unknown as { getHorizonClient: (network: string) => unknown };
  const getHorizonClient = own.getHorizonClient;
  own.getHorizonClient = (network) => {
    getHorizonClient(network);
    return new StellarSdk10.Server(`${sim.url}/horizon`, { allowHttp: true });
  };
  return pi;
}

async function platform(path: string): Promise<any> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Key ${sim.apiKey}` } });
  return response.json();
}

async function horizon(path: string): Promise<any> {
  return (await fetch(`${sim.url}/horizon${path}`)).json();
}

describe('pi-backend 0.1.3 (Pi Node SDK) against pi-sim', () => {
  it('pays a user: createPayment → submitPayment → completePayment; the π moves once, memo = payment id', { timeout: 30_000 }, async () => {
    const pi = piBackend();
    const bob = sim.users.bob!;
    const before = Number((await horizon(`/accounts/${bob.wallet}`)).balances[0].balance);

    const paymentId = await pi.createPayment({ amount: 1.5, memo: 'Refund of order o-1', metadata: { refund: 'o-1' }, uid: bob.uid });
    expect(paymentId).toEqual(expect.any(String));
    const txid = await pi.submitPayment(paymentId);
    expect(txid).toMatch(/^[0-9a-f]{64}$/);
    const completed = await pi.completePayment(paymentId, txid);

    expect(completed).toMatchObject({
      identifier: paymentId,
      direction: 'app_to_user',
      amount: 1.5,
      to_address: bob.wallet,
      status: { developer_approved: true, transaction_verified: true, developer_completed: true, cancelled: false },
      transaction: { txid, verified: true },
    });
    expect(await platform('/v2/payments/incomplete_server_payments')).toEqual({ incomplete_server_payments: [] });
    const transaction = await horizon(`/transactions/${txid}`);
    expect(transaction).toMatchObject({ hash: txid, memo: paymentId, successful: true });
    const after = Number((await horizon(`/accounts/${bob.wallet}`)).balances[0].balance);
    expect(after).toBeCloseTo(before + 1.5, 7);

    // A second submission of the paid payment is refused, and nothing moves.
    await expect(pi.submitPayment(paymentId)).rejects.toThrow(/already has a linked txid/);
    expect(Number((await horizon(`/accounts/${bob.wallet}`)).balances[0].balance)).toBeCloseTo(after, 7);
  });
});
