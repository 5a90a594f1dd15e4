/**
 * Throughput of the engine (run with `pnpm vitest bench --project simulator --run`; not part of
 * `pnpm test`). Target: ≥ 2,000 in-process U2A payment flows per second, Platform API included.
 */
import { bench, describe } from 'vitest';
import { createPiNetwork } from '../../src/network/create-pi-network';

const network = createPiNetwork({ seed: 1, users: [{ username: 'payer', balance: 1e9 }] });
const key = { authorization: `Key ${network.app.apiKey}`, 'content-type': 'application/json' };
const data = { amount: 1, memo: 'bench', metadata: { order: 1 } };

describe('payment flows', () => {
  bench('engine only: create, approve, sign, complete', () => {
    const p = network.createPayment('payer', data);
    network.approvePayment(p.identifier);
    const tx = network.submitTransaction(p.identifier).transaction!;
    network.completePayment(p.identifier, tx.txid);
  });

  bench('through the Platform API handler (approve and complete as Fetch requests)', async () => {
    const p = network.createPayment('payer', data);
    await network.platformApi(new Request(`https://api.minepi.com/v2/payments/${p.identifier}/approve`, { method: 'POST', headers: key }));
    const tx = network.submitTransaction(p.identifier).transaction!;
    const r = await network.platformApi(
      new Request(`https://api.minepi.com/v2/payments/${p.identifier}/complete`, {
        method: 'POST',
        headers: key,
        body: JSON.stringify({ txid: tx.txid }),
      }),
    );
    await r.arrayBuffer();
  });
});
