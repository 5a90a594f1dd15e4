/**
 * The steps of a generated chaos run, as plain data (so fast-check can shrink them and a
 * counterexample can be pasted into `regressions.test.ts`), and their arbitraries.
 *
 * Tabs and users are chosen by index (taken modulo the number of tabs/users at run time),
 * so any shrunk list of steps stays runnable.
 */
import fc from 'fast-check';
import { INSTANCES } from './world';

/** Platform API routes a fault can hit. */
export const FAULT_ROUTES = {
  me: 'GET /v2/me',
  get: 'GET /v2/payments/*',
  approve: 'POST /v2/payments/*/approve',
  complete: 'POST /v2/payments/*/complete',
  cancel: 'POST /v2/payments/*/cancel',
  any: '**',
} as const;

export type FaultRoute = keyof typeof FAULT_ROUTES;
/** `5xx`: a JSON 500; `html`: an HTML 502 page; `drop`: connection dropped before Pi acted; `lostResponse`: Pi acted, the answer was lost; `timeout`: Pi answers after the client's timeout. */
export type PiFaultKind = '5xx' | 'html' | 'drop' | 'lostResponse' | 'timeout';

export type Action =
  /** A new browser tab of a user signs in. */
  | { t: 'open'; user: number }
  /** The tab starts a payment for a new order of `price` π; `tamper`: the browser sends another amount than the order's. */
  | { t: 'pay'; tab: number; price: number; tamper: boolean }
  /** Two tabs of one user start a payment at the same moment. */
  | { t: 'payTwoTabs'; user: number; price: number }
  /** The user signs the payment waiting in the tab's wallet. */
  | { t: 'sign'; tab: number }
  /** The user rejects it. */
  | { t: 'reject'; tab: number }
  /** Pi re-invokes a callback of the tab's latest payment, late, once or twice in a row. */
  | { t: 'reinvoke'; tab: number; callback: 'approval' | 'completion'; twice: boolean }
  /** Pi's Platform API fails the next `times` calls of a route. */
  | { t: 'piFault'; route: FaultRoute; kind: PiFaultKind; times: number }
  /** Horizon fails the next `times` calls. */
  | { t: 'horizonFault'; kind: '5xx' | 'drop'; times: number }
  /** The tab's connection to the app server: down, up, or the next answer lost. */
  | { t: 'browserNet'; tab: number; mode: 'down' | 'up' | 'lostResponse' }
  /** An app server instance (default 0) crashes after `afterOps` more store/API operations (0: now). */
  | { t: 'crash'; afterOps: number; instance?: number }
  /** An app server instance (default 0) (re)starts: new handlers over a store it opens on the run's storage. */
  | { t: 'restart'; instance?: number }
  /** The tab reloads mid-payment and signs in again. */
  | { t: 'reload'; tab: number }
  /** Time passes (ms), e.g. past Pi's approval expiry or the store's claim leases. */
  | { t: 'time'; ms: number }
  /** The tab's user tries to get another user's latest payment approved with their own token. */
  | { t: 'crossUser'; tab: number }
  /** Two identical `/complete` requests for the tab's latest paid payment arrive at once (a replay or a second process). */
  | { t: 'replayComplete'; tab: number }
  /**
   * A `/complete` with a txid that is not the payment's arrives for the tab's user's latest
   * payment, paid or not (forged or stale), and runs on while the next steps do: it must be
   * refused, and the claim it takes while Pi is read must not keep the real one from delivering.
   */
  | { t: 'forgedComplete'; tab: number }
  /** The app's periodic `reconcile()` runs, on an instance (default 0). */
  | { t: 'reconcile'; instance?: number };

const tab = fc.nat({ max: 5 });
const instance = fc.nat({ max: INSTANCES - 1 });
const price = fc.constantFrom(1, 3.14, 0.5, 12);

/** One step, weighted towards the payment flow so most runs get far. */
export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('open' as const), user: fc.nat({ max: 1 }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('pay' as const),
      tab,
      price,
      tamper: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('payTwoTabs' as const), user: fc.nat({ max: 1 }), price }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('sign' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reject' as const), tab }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('reinvoke' as const),
      tab,
      callback: fc.constantFrom('approval' as const, 'completion' as const),
      twice: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('piFault' as const),
      route: fc.constantFrom(...(Object.keys(FAULT_ROUTES) as FaultRoute[])),
      kind: fc.constantFrom<PiFaultKind>('5xx', 'html', 'drop', 'lostResponse', 'timeout'),
      times: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('horizonFault' as const),
      kind: fc.constantFrom('5xx' as const, 'drop' as const),
      times: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('browserNet' as const),
      tab,
      mode: fc.constantFrom('down' as const, 'up' as const, 'lostResponse' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('crash' as const), afterOps: fc.nat({ max: 12 }), instance }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('restart' as const), instance }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('reload' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('time' as const), ms: fc.constantFrom(1_000, 11_000, 61_000, 200_000) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crossUser' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('replayComplete' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('forgedComplete' as const), tab }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reconcile' as const), instance }) },
);

/** A run: up to `maxLength` steps. */
export function scenarioArb(maxLength = 24): fc.Arbitrary<Action[]> {
  // `size: 'max'`: lengths spread over 1…maxLength. fast-check's default size ('small') caps a
  // generated array at about 10 items whatever `maxLength` says: runs had 1–12 steps (6.4 on
  // average) and `--steps` changed nothing, until the sixth round.
  return fc.array(actionArb, { minLength: 1, maxLength, size: 'max' });
}

/** Whether a step injects a fault (counted in the figures). */
export function isFault(action: Action): boolean {
  return [
    'piFault',
    'horizonFault',
    'browserNet',
    'crash',
    'reload',
    'reinvoke',
    'replayComplete',
    'forgedComplete',
    'crossUser',
    'time',
    'payTwoTabs',
    'reject',
  ].includes(action.t);
}
