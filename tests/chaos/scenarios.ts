/**
 * Shrunk counterexamples of the chaos property and the scenarios each fault is known to
 * stress, run by `regressions.test.ts` on every `pnpm test`. Paste a new counterexample
 * from `pnpm chaos` as a new entry.
 */
import type { Action } from './actions';

const pay = (tab = 0, price = 3.14): Action => ({ t: 'pay', tab, price, tamper: false });
const sign = (tab = 0): Action => ({ t: 'sign', tab });

export const SCENARIOS: Array<[string, Action[]]> = [
  // Found by `pnpm chaos` once complete claims the delivery while /complete is in flight (2026-12-02):
  [
    'the server dies holding the delivery claim taken during /complete: taken over once its lease expired, delivered once',
    [pay(0, 1), { t: 'crash', afterOps: 4 }, sign()],
  ],
  [
    'the server dies after onComplete, before recording delivered: delivered again after the lease (the documented window)',
    [{ t: 'crash', afterOps: 10 }, pay(3, 1), sign(3)],
  ],
  [
    'the server dies while a replayed complete runs: its requests still in flight call no callback, the claim is taken over once',
    [
      pay(3, 1),
      { t: 'piFault', route: 'me', kind: '5xx', times: 2 },
      sign(3),
      { t: 'crash', afterOps: 6 },
      { t: 'replayComplete', tab: 3 },
      pay(0, 1),
    ],
  ],
  [
    'the server crashes right after Pi approved, then restarts',
    [pay(), { t: 'crash', afterOps: 5 }, { t: 'restart' }, { t: 'reinvoke', tab: 0, callback: 'approval', twice: false }, sign()],
  ],
  [
    'the server crashes during completion, the user reloads',
    [pay(), sign(), { t: 'crash', afterOps: 2 }, { t: 'reinvoke', tab: 0, callback: 'completion', twice: true }, { t: 'reload', tab: 0 }],
  ],
  ['Pi loses the answer of /complete', [{ t: 'piFault', route: 'complete', kind: 'lostResponse', times: 2 }, pay(), sign()]],
  [
    'Pi loses the answer of /approve and times out',
    [
      { t: 'piFault', route: 'approve', kind: 'lostResponse', times: 1 },
      { t: 'piFault', route: 'get', kind: 'timeout', times: 1 },
      pay(),
      { t: 'reinvoke', tab: 0, callback: 'approval', twice: true },
      sign(),
    ],
  ],
  [
    'the browser loses the answer of complete and goes offline',
    [
      pay(),
      { t: 'browserNet', tab: 0, mode: 'lostResponse' },
      sign(),
      { t: 'browserNet', tab: 0, mode: 'down' },
      { t: 'reinvoke', tab: 0, callback: 'completion', twice: false },
    ],
  ],
  ['two tabs of one user pay at once, both sign', [{ t: 'payTwoTabs', user: 0, price: 1 }, sign(0), sign(2), sign(3)]],
  [
    'a replayed /complete arrives twice at once while Horizon fails',
    [
      pay(),
      { t: 'browserNet', tab: 0, mode: 'down' },
      sign(),
      { t: 'horizonFault', kind: '5xx', times: 2 },
      { t: 'replayComplete', tab: 0 },
    ],
  ],
  [
    'another user tries to approve, a tampered amount is refused',
    [pay(1), { t: 'crossUser', tab: 0 }, { t: 'pay', tab: 0, price: 12, tamper: true }, sign(0)],
  ],
  [
    'the delivery lease expires while the server is down',
    [pay(), sign(), { t: 'crash', afterOps: 1 }, { t: 'time', ms: 200_000 }, { t: 'reconcile' }, { t: 'restart' }, { t: 'reconcile' }],
  ],
  ['the user rejects, Pi is down for cancel', [{ t: 'piFault', route: 'any', kind: '5xx', times: 4 }, pay(), { t: 'reject', tab: 0 }]],
];
