/**
 * An app server in its own process, as in production (not sharing its event loop or its
 * connections to Pi with the load generator): the example shop (`argv[2]` = `pglite` or
 * `postgres`) or the bare server (`bare`), against the simulator at `argv[3]` with API key
 * `argv[4]` on network `argv[5]` (PostgreSQL: in the schema `argv[6]` of another shop process
 * when given). Its fetch shares 64 keep-alive connections per origin.
 * Sends `{ url, schema }` once listening, then answers `{ id, cmd }` messages with `{ id, result }`:
 * `reset` (timings), `timings` (`{ approve, complete }` handler times in ms, `app` the part of each in the shop's order writes, and the shop's
 * route errors by code), `cpu` (the process's CPU time so far, its main thread's, the part in the shop's order writes, and with PGlite in a worker thread that database thread's, `cpu-time.ts`), `profile-start` and `profile-stop` (`file`: a CPU
 * profile of the main thread in between, `cpu-profiler.ts`), `deliveries` (`ids`: the shop's delivery check), `delivery-calls` (the
 * shop's deliveries by payment), `close`.
 */
import { startBareServer } from './bare-server';
import { createCpuProfiler } from './cpu-profiler';
import { type AppCpu, readCpuTime } from './cpu-time';
import { poolFetchConnections } from './pool';
import { type DbKind, type RunningShop, startShop } from './shop';

const [kind, simUrl, apiKey, network, schema] = process.argv.slice(2) as [
  'bare' | DbKind,
  string,
  string,
  'Pi Testnet' | 'Pi Network',
  string | undefined,
];
// The bench's end (or crash) closes the IPC channel: exit with it, not left holding a port and the bench's stdout.
process.on('disconnect', () => process.exit(0));
await poolFetchConnections(`${simUrl}/v2/me`, 64);
// The shop logs every route error with its stack (console.error): count them instead.
const shopErrors: Record<string, number> = {};
console.error = (...args: unknown[]) => {
  const code = typeof args[0] === 'string' && args[0].startsWith('[shop]') ? ((args[1] as { code?: string })?.code ?? 'unknown') : 'other';
  shopErrors[code] = (shopErrors[code] ?? 0) + 1;
};
const server =
  kind === 'bare' ? await startBareServer({ piApiBaseUrl: simUrl, apiKey }) : await startShop({ kind, simUrl, apiKey, network, schema });
const profiler = createCpuProfiler();
process.send!({ url: server.url, schema: kind === 'bare' ? undefined : (server as RunningShop).schema });
process.on('message', async (message: { id: number; cmd: string; ids?: string[]; file?: string }) => {
  let result: unknown;
  if (message.cmd === 'reset') server.resetTimings();
  else if (message.cmd === 'timings') {
    result = {
      approve: server.handlerTimes.approve.values(),
      complete: server.handlerTimes.complete.values(),
      app: { approve: server.appTimes.approve.values(), complete: server.appTimes.complete.values() },
      errors: { ...shopErrors },
    };
    for (const code of Object.keys(shopErrors)) delete shopErrors[code];
  } else if (message.cmd === 'cpu') result = readCpuTime(kind === 'bare' ? undefined : shopCpu(server as RunningShop));
  else if (message.cmd === 'profile-start') await profiler.start();
  else if (message.cmd === 'profile-stop') await profiler.stop(message.file!);
  else if (message.cmd === 'deliveries' && kind !== 'bare') result = await (server as RunningShop).deliveries(message.ids ?? []);
  else if (message.cmd === 'delivery-calls' && kind !== 'bare') result = (server as RunningShop).deliveryCalls();
  else if (message.cmd === 'close') await server.close();
  process.send!({ id: message.id, result }, () => {
    if (message.cmd === 'close') process.exit(0);
  });
});

/** The shop's part of its process's CPU time so far (`cpu-time.ts`'s `AppCpu`). */
function shopCpu(shop: RunningShop): AppCpu {
  return {
    appMs: shop.appCpuMs(),
    databaseThreadMs: shop.databaseThreadCpuMs(),
    appDatabaseThreadMs: shop.appDatabaseThreadCpuMs(),
  };
}
