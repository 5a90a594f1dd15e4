/**
 * A2U payments are never paid twice, whatever processes sharing the app wallet do at once
 * (a property over generated runs, fast-check): each run starts a few A2U payments, then several
 * "processes" (copies of the A2U module, each with its own per-wallet lock) submit them and run
 * recovery all at once, while Horizon and Pi fail (5xx, a submission whose answer is lost, a list
 * of the wallet's transactions that lags behind its account, slow answers). Then the faults heal
 * and one process recovers. Must hold: at no point does the ledger hold two transactions for one
 * payment, and after recovery each payment is paid once, to its user, and completed on Pi.
 */
import * as fc from 'fast-check';
import type { FaultRule, PiNetwork } from '@pi-kit/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import type { A2UClient } from '../src/a2u/client';
import { type A2UModule, a2uModuleOfAnotherProcess } from './support/a2u-process';
import { newNetwork, simHandlers, startMsw } from './support/sim';

const msw = startMsw();
afterAll(() => msw.close());

/** Copies of the A2U module, as separate processes have: each has its own per-wallet lock. */
async function processModules(count: number): Promise<A2UModule[]> {
  const modules: A2UModule[] = [];
  for (let i = 0; i < count; i++) modules.push(await a2uModuleOfAnotherProcess());
  return modules;
}

type Step = { kind: 'submit'; process: number; payment: number } | { kind: 'recover'; process: number };
type Fault = 'horizon-5xx' | 'submit-answer-lost' | 'list-lags' | 'platform-5xx' | 'slow-account' | 'slow-submit';

const PROCESSES = 3;
/** Generated runs (`PIKIT_A2U_RUNS`, default 25 in the suite) and the seed (`PIKIT_A2U_SEED`). */
const RUNS = Number(process.env.PIKIT_A2U_RUNS ?? 25);
const SEED = Number(process.env.PIKIT_A2U_SEED ?? 20261202);
const scenario = fc.record({
  payments: fc.integer({ min: 1, max: 3 }),
  steps: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('submit' as const), process: fc.nat(PROCESSES - 1), payment: fc.nat(2) }),
      fc.record({ kind: fc.constant('recover' as const), process: fc.nat(PROCESSES - 1) }),
    ),
    { minLength: 1, maxLength: 6 },
  ),
  faults: fc.array(
    fc.record({
      fault: fc.constantFrom<Fault>('horizon-5xx', 'submit-answer-lost', 'list-lags', 'platform-5xx', 'slow-account', 'slow-submit'),
      times: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 4 },
  ),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

function faultRule(fault: Fault, times: number, network: PiNetwork, lagging: unknown): FaultRule {
  const wallet = network.app.walletAddress;
  switch (fault) {
    case 'horizon-5xx':
      return { api: 'horizon', route: 'POST /transactions', status: 503, times };
    case 'submit-answer-lost':
      return { api: 'horizon', route: 'POST /transactions', drop: true, after: true, times };
    case 'list-lags':
      return { api: 'horizon', route: `GET /accounts/${wallet}/transactions`, status: 200, body: lagging, times };
    case 'platform-5xx':
      return { api: 'platform', route: 'GET /v2/payments/*', status: 503, times };
    case 'slow-account':
      return { api: 'horizon', route: `GET /accounts/${wallet}`, delayMs: 5, times };
    case 'slow-submit':
      return { api: 'horizon', route: 'POST /transactions', delayMs: 5, times };
  }
}

/** Successful ledger transactions paying `paymentId` (memo = payment id). */
const paidTimes = (network: PiNetwork, paymentId: string) =>
  network.events.filter((e) => e.type === 'ledger.transaction' && e.memo === paymentId && e.successful).length;

describe('A2U with processes sharing the app wallet (property)', () => {
  it('never pays a payment twice, and recovery pays each once and completes it', async () => {
    const modules = await processModules(PROCESSES);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ payments: count, steps, faults, seed }) => {
        runs++;
        const network = newNetwork({ seed, ongoingA2U: 'user' }) /* several open payments at once */;
        msw.resetHandlers(...simHandlers(network));
        const clients: A2UClient[] = modules.map((m) =>
          m.createA2UClient({
            logger: false,
            apiKey: network.app.apiKey,
            walletSeed: network.app.walletSecret,
            platform: { retryDelayMs: 1, retries: 1 },
            retryDelayMs: 1,
          }),
        );
        // The wallet pays once first, so that a list taken now lags behind the account later.
        await clients[0]!.pay({ amount: 0.1, memo: 'first', metadata: {}, uid: network.user('alice').uid });
        const wallet = network.app.walletAddress;
        const lagging = await (await fetch(`https://api.testnet.minepi.com/accounts/${wallet}/transactions?order=desc&limit=200`)).json();

        const users = Array.from({ length: count }, (_, i) => network.addUser({ username: `payee${i}`, balance: 0 }));
        const payments = await Promise.all(
          users.map((u, i) => clients[0]!.createPayment({ amount: 1 + i, memo: `A2U ${i}`, metadata: { i }, uid: u.uid })),
        );
        for (const { fault, times } of faults) network.faults.inject(faultRule(fault, times, network, lagging));

        // Everything at once: any step may fail (faults); none may pay twice.
        await Promise.allSettled(
          steps.map((step: Step) =>
            step.kind === 'submit'
              ? clients[step.process]!.submitPayment(payments[step.payment % count]!.identifier)
              : clients[step.process]!.recoverIncompletePayments(),
          ),
        );
        for (const p of payments) expect(paidTimes(network, p.identifier), `${p.identifier} paid twice`).toBeLessThanOrEqual(1);

        // Healed: one recovery finishes everything.
        network.faults.clear();
        const report = await clients[0]!.recoverIncompletePayments();
        expect(report.failed).toEqual([]);
        for (const [i, p] of payments.entries()) {
          expect(paidTimes(network, p.identifier)).toBe(1);
          expect(network.getPayment(p.identifier)!.status.developer_completed).toBe(true);
          expect(network.balanceOf(users[i]!.walletAddress)).toBeCloseTo(1 + i, 7);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  }, 120_000);
});
