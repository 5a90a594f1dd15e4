/**
 * Drives U2A payment flows as a browser + Pi Wallet would, over loopback HTTP: the user
 * side through the simulator's `/__sim` bridge (authenticate, create the payment, sign and
 * submit the transaction), the app side through the app server's `approve` and `complete`
 * routes, timed per route as the browser sees them.
 */
import { ms, Samples } from '../stats';

export interface FlowTotals {
  flows: number;
  failed: number;
  seconds: number;
  approve: Samples;
  complete: Samples;
  /** approve + complete of one flow: the app server's share of it. */
  server: Samples;
  errors: string[];
  /** Payments whose transaction the user submitted (they must all be delivered). */
  paidIds: string[];
}

async function rpc<T>(simUrl: string, method: string, args: unknown[]): Promise<T> {
  const response = await fetch(`${simUrl}/__sim/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ args }),
  });
  const body = (await response.json()) as { result?: T; error?: string; error_message?: string };
  if (!response.ok) throw new Error(`${method}: ${response.status} ${body.error}: ${body.error_message}`);
  return body.result as T;
}

async function post(url: string, body: unknown): Promise<{ ms: number; json: any }> {
  const t0 = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  const elapsed = performance.now() - t0;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(json).slice(0, 200)}`);
  return { ms: elapsed, json };
}

/**
 * Runs one flow per user in `users`, at most `concurrency` at once. Pays `amount` π for
 * product `productId` (the shop checks the price). With several `appUrls` (app server processes
 * sharing one database behind a load balancer), flow i's approve goes to the i-th (round robin)
 * and its complete to the next one: every complete is answered by another process than its approve.
 */
export async function runFlows(options: {
  simUrl: string;
  appUrls: string[];
  users: string[];
  concurrency: number;
  data: { amount: number; memo: string; metadata: Record<string, unknown> };
}): Promise<FlowTotals> {
  const totals: FlowTotals = {
    flows: 0,
    failed: 0,
    seconds: 0,
    approve: new Samples(),
    complete: new Samples(),
    server: new Samples(),
    errors: [],
    paidIds: [],
  };
  // sign-in first (not timed): the browser has a token before it pays
  const tokens = new Map<string, string>();
  for (let i = 0; i < options.users.length; i += 200) {
    await Promise.all(
      options.users
        .slice(i, i + 200)
        .map(async (u) =>
          tokens.set(u, (await rpc<{ accessToken: string }>(options.simUrl, 'authenticate', [u, ['username', 'payments']])).accessToken),
        ),
    );
  }
  const queue = [...options.users];
  const started = performance.now();
  let next = 0;
  const apps = options.appUrls;
  const worker = async () => {
    for (let user = queue.shift(); user !== undefined; user = queue.shift()) {
      const flow = next++;
      try {
        const accessToken = tokens.get(user)!;
        const payment = await rpc<{ identifier: string }>(options.simUrl, 'createPayment', [user, options.data]);
        const approved = await post(`${apps[flow % apps.length]}/api/pi/approve`, { paymentId: payment.identifier, accessToken });
        const paid = await rpc<{ transaction: { txid: string } }>(options.simUrl, 'submitTransaction', [payment.identifier]);
        totals.paidIds.push(payment.identifier);
        const completed = await post(`${apps[(flow + 1) % apps.length]}/api/pi/complete`, {
          paymentId: payment.identifier,
          txid: paid.transaction.txid,
          accessToken,
        });
        if (!completed.json.payment?.status?.developer_completed) throw new Error('complete answered a payment not completed');
        totals.approve.add(approved.ms);
        totals.complete.add(completed.ms);
        totals.server.add(approved.ms + completed.ms);
        totals.flows++;
      } catch (error) {
        totals.failed++;
        if (totals.errors.length < 5) totals.errors.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  totals.seconds = (performance.now() - started) / 1000;
  return totals;
}

/** One line of a run: flows/s, approve and complete p50 and p99 as the browser sees them, failures. */
export function describeTotals(label: string, t: FlowTotals): string {
  return (
    `  ${label.padEnd(44)} ${t.flows} flows in ${t.seconds.toFixed(2)} s = ${(t.flows / t.seconds).toFixed(0)} flows/s; ` +
    `approve p50 ${ms(t.approve.percentile(50))} p99 ${ms(t.approve.percentile(99))}; ` +
    `complete p50 ${ms(t.complete.percentile(50))} p99 ${ms(t.complete.percentile(99))}` +
    (t.failed ? `; FAILED ${t.failed}: ${t.errors.join(' | ')}` : '')
  );
}
