/**
 * `pnpm bench:statements [--flows N] [--rounds R]`: what the SQL store's statements cost PGlite (in
 * this process) and PostgreSQL (over one connection), one payment at a time: the four statements
 * of a flow (the approval claim, `approved`, the delivery claim, `delivered`), sent as named
 * (prepared) statements and as text (`preparedStatements: false`), the two taking turns over R
 * rounds (default 6). Per statement: PostgreSQL's CPU (its processes', from `/proc`), this
 * process's CPU, and the wall time; medians of the rounds. Then a grouped transition (`jsonb_to_recordset`) in a table of the payments
 * written: its plan, and its time by `EXPLAIN ANALYZE`. PostgreSQL from `PIKIT_PG_URL`.
 */
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createSqlStore } from '@pi-kit/server-adapters';
import { machineCpuSince, readMachineCpu } from './load/machine-cpu';
import { ensurePostgres, freshSchema, PG_URL } from '../tests/support/postgres';

const { values } = parseArgs({ options: { flows: { type: 'string', default: '400' }, rounds: { type: 'string', default: '6' } } });
const flows = Number(values.flows);
const rounds = Number(values.rounds);

await ensurePostgres();
const client = new pg.Client({ connectionString: PG_URL });
await client.connect();
const schema = freshSchema('statements');
let next = 0;

/** One payment's four statements, as the handlers send them. */
async function flow(store: ReturnType<typeof createSqlStore>): Promise<void> {
  const paymentId = `p-${next++}`;
  const approval = { owner: `approve-${paymentId}`, leaseMs: 60_000 };
  await store.insert({
    paymentId,
    uid: 'uid',
    amount: 1,
    memo: 'Cup of coffee',
    metadata: { productId: 'coffee' },
    state: 'approving',
    claim: approval,
  });
  await store.transition(paymentId, { from: ['approving'], to: 'approved', owner: approval.owner });
  const delivery = { owner: `complete-${paymentId}`, leaseMs: 60_000 };
  await store.transition(paymentId, {
    from: ['approving', 'approved'],
    to: 'completing',
    claim: delivery,
    txid: `tx-${paymentId}`,
    takeOverExpired: true,
  });
  await store.transition(paymentId, { from: ['completing'], to: 'delivered', owner: delivery.owner });
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)]!;
type Store = ReturnType<typeof createSqlStore>;

/**
 * Per statement, medians of the rounds, for stores sending named (prepared) statements and text,
 * taking turns: the database server's CPU (PostgreSQL's processes; `NaN` where the database runs
 * in this process), this process's CPU, and the wall time, µs.
 */
async function measure(stores: Map<boolean, Store>): Promise<Map<boolean, { server: number; process: number; wall: number }>> {
  const samples = new Map<boolean, { server: number[]; process: number[]; wall: number[] }>();
  for (const store of stores.values()) for (let i = 0; i < 50; i++) await flow(store);
  for (let round = 0; round < rounds; round++) {
    for (const prepared of round % 2 === 0 ? [true, false] : [false, true]) {
      const before = { machine: readMachineCpu(), cpu: process.cpuUsage(), at: performance.now() };
      for (let i = 0; i < flows; i++) await flow(stores.get(prepared)!);
      const cpu = process.cpuUsage(before.cpu);
      const after = readMachineCpu();
      const statements = flows * 4;
      const r = samples.get(prepared) ?? { server: [], process: [], wall: [] };
      r.server.push(before.machine && after ? (1000 * machineCpuSince(before.machine, after).postgresMs) / statements : Number.NaN);
      r.process.push((cpu.user + cpu.system) / statements);
      r.wall.push((1000 * (performance.now() - before.at)) / statements);
      samples.set(prepared, r);
    }
  }
  return new Map(
    [...samples].map(([prepared, r]) => [prepared, { server: median(r.server), process: median(r.process), wall: median(r.wall) }]),
  );
}
const label = (prepared: boolean) => (prepared ? 'named (prepared)' : 'text (unnamed)  ');

// PGlite in this process: its statements' CPU is this process's.
const pglite = await PGlite.create();
try {
  const stores = new Map(
    [true, false].map((prepared) => [prepared, createSqlStore({ db: pglite, preparedStatements: prepared, table: `p_${prepared}` })]),
  );
  console.log(`PGlite in this process, one payment at a time (${flows} flows × 4 statements per round, medians of ${rounds} rounds)`);
  for (const [prepared, r] of await measure(stores))
    console.log(`  ${label(prepared)}  this process ${r.process.toFixed(0)} µs, wall ${r.wall.toFixed(0)} µs per statement`);
} finally {
  await pglite.close();
}

try {
  const stores = new Map([true, false].map((prepared) => [prepared, createSqlStore({ db: client, schema, preparedStatements: prepared })]));
  const results = await measure(stores);
  console.log(
    `the store's statements, one payment at a time over one connection (${flows} flows × 4 statements per round, medians of ${rounds} rounds)`,
  );
  for (const [prepared, r] of results) {
    console.log(
      `  ${label(prepared)}  PostgreSQL CPU ${r.server.toFixed(0)} µs, this process ${r.process.toFixed(0)} µs, wall ${r.wall.toFixed(0)} µs per statement`,
    );
  }
  // A grouped transition of two payments, as the store sends it under load, in the table just written.
  const table = `"${schema}"."pikit_payments"`;
  await client.query(`ANALYZE ${table}`);
  const { rows } = await client.query<{ payment_id: string }>(`SELECT payment_id FROM ${table} LIMIT 2`);
  const ids = rows.map((r) => r.payment_id);
  const batch = JSON.stringify(
    ids.map((id, i) => ({
      i,
      payment_id: id,
      from_states: ['delivered'],
      to_state: 'delivered',
      owner: null,
      claim_owner: null,
      claim_expires_at: null,
      take_over: false,
      set_txid: false,
      txid: null,
    })),
  );
  const grouped = (byKey: boolean) =>
    `EXPLAIN (ANALYZE, FORMAT JSON) UPDATE ${table} AS p SET state = v.to_state, updated_at = $2::bigint
     FROM jsonb_to_recordset($1::jsonb) AS v(i int, payment_id text, from_states text[], to_state text, owner text,
       claim_owner text, claim_expires_at bigint, take_over boolean, set_txid boolean, txid text)
     WHERE ${byKey ? 'p.payment_id = ANY($3::text[]) AND ' : ''}p.payment_id = v.payment_id AND p.state = ANY(v.from_states)`;
  const total = next;
  for (const byKey of [false, true]) {
    const explained = await client.query(grouped(byKey), byKey ? [batch, Date.now(), ids] : [batch, Date.now()]);
    const plan = (explained.rows[0] as { 'QUERY PLAN': Array<{ Plan: unknown; 'Execution Time': number }> })['QUERY PLAN'][0]!;
    const reads = JSON.stringify(plan.Plan).includes('"Seq Scan"') ? 'reads the whole table' : 'reads by the primary key';
    console.log(
      `  a grouped transition of 2 payments in a table of ${total}, ${byKey ? 'with payment_id = ANY($3) (as sent)' : 'joined on jsonb_to_recordset alone'}: ${reads}, ${plan['Execution Time'].toFixed(2)} ms`,
    );
  }
} finally {
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
