/**
 * Where an app server's main thread spent its CPU, from a V8 CPU profile (`.cpuprofile`, as
 * `cpu-profiler.ts` or `node --cpu-prof` write it): each sample goes to one part of the server.
 *
 * A sample's part is decided from its stack, leaf first:
 * - the leaf itself when it is garbage collection, V8's unattributed time (`(program)`), or
 *   `JSON.parse`/`JSON.stringify` (whoever called them);
 * - otherwise the nearest frame, from the leaf up, in code that has an owner: pi-kit's store, its
 *   Platform API client, its handlers, its Express adapter; zod; the `pg` driver; the PGlite
 *   worker's messages; fetch (undici, Node's own copy); Express; the shop; the bench's own timing.
 *   So a socket write made by `pg` counts as the driver's, one made by fetch as the Pi calls';
 * - otherwise (Node's HTTP server, streams, timers and promise jobs that no owned code called) by
 *   the leaf's own file.
 */

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  /** µs before each sample (the first one: since `startTime`). */
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The parts, in the order they are printed. */
export const PARTS = [
  'pi-kit: route handlers',
  'pi-kit: SQL store',
  'pi-kit: Platform API client',
  'pi-kit: Express adapter, body read',
  'input validation (zod)',
  'JSON.parse / JSON.stringify',
  'database driver (pg)',
  'database driver (PGlite worker messages)',
  'Pi calls: fetch (undici)',
  'Pi calls: node:http client',
  'Express',
  'node:http server, sockets, streams',
  'timers, promise jobs, other Node internals',
  'the shop (its order writes, catalog check)',
  'bare handler',
  'bench instrumentation',
  'garbage collection',
  'V8, unattributed (program)',
  'other',
] as const;

export type Part = (typeof PARTS)[number];

/** Code with an owner, by file: the first match wins. */
const OWNED: Array<[RegExp, Part]> = [
  [/\/server-adapters\/src\/store\//, 'pi-kit: SQL store'],
  [/\/server-adapters\/src\/platform\//, 'pi-kit: Platform API client'],
  [/\/server-adapters\/src\/handlers\//, 'pi-kit: route handlers'],
  [/\/server-adapters\/src\/adapters\/|\/packages\/core\/src\//, 'pi-kit: Express adapter, body read'],
  [/\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?zod\//, 'input validation (zod)'],
  [/\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(pg|pg-[a-z]+|postgres-[a-z]+|pgpass)\//, 'database driver (pg)'],
  [/\/bench\/load\/pglite-worker\.ts|^node:internal\/worker\/io/, 'database driver (PGlite worker messages)'],
  [/^node:internal\/deps\/undici\//, 'Pi calls: fetch (undici)'],
  [/^node:_http_(client|agent)$/, 'Pi calls: node:http client'],
  [
    /\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(express|router|body-parser|finalhandler|send|serve-static|on-finished|parseurl|qs|type-is|content-type|accepts|negotiator|mime-types|statuses|depd|debug|encodeurl|escape-html|fresh|range-parser|proxy-addr|forwarded|etag|cookie|vary|merge-descriptors|path-to-regexp|methods|setprototypeof|http-errors|raw-body|iconv-lite|safe-buffer|media-typer|utils-merge)\//,
    'Express',
  ],
  [/\/examples\/shop\//, 'the shop (its order writes, catalog check)'],
  [/\/bench\/load\/bare-server\.ts/, 'bare handler'],
  [/\/bench\//, 'bench instrumentation'],
];

/** A leaf that counts as its own part, whoever called it. */
function leafPart(functionName: string, url: string): Part | 'idle' | undefined {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8, unattributed (program)';
  if (url === '' && (functionName === 'parse' || functionName === 'stringify')) return 'JSON.parse / JSON.stringify';
  return undefined;
}

function ownedPart(url: string): Part | undefined {
  for (const [pattern, part] of OWNED) if (pattern.test(url)) return part;
  return undefined;
}

/** Code no owned frame called: by its own file. */
function unownedPart(url: string): Part {
  if (/^node:(_http|http|net|stream|internal\/(streams|http|net|stream_base|js_stream))/.test(url))
    return 'node:http server, sockets, streams';
  if (url === '' || url.startsWith('node:')) return 'timers, promise jobs, other Node internals';
  return 'other';
}

export interface Breakdown {
  /** Busy time (idle excluded), ms. */
  busyMs: number;
  /** Idle time, ms. */
  idleMs: number;
  /** Busy ms per part. */
  parts: Map<Part, number>;
  /** Of each part's ms, those in socket writes (the system call, with the kernel's loopback work on this thread). */
  writes: Map<Part, number>;
  /** The functions with the most self time: `name (file)` → ms. */
  top: Array<{ name: string; ms: number }>;
}

/** Adds up a profile's samples by part (see the file's comment). */
export function breakDown(profile: CpuProfile, topCount = 15): Breakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const partOf = new Map<number, Part | 'idle'>();
  const resolve = (id: number): Part | 'idle' => {
    const known = partOf.get(id);
    if (known) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    let part: Part | 'idle' | undefined = leafPart(functionName, url);
    for (let at: number | undefined = id; part === undefined && at !== undefined; at = parent.get(at)) {
      part = ownedPart(byId.get(at)!.callFrame.url);
    }
    part ??= unownedPart(url);
    partOf.set(id, part);
    return part;
  };
  const parts = new Map<Part, number>(PARTS.map((p) => [p, 0]));
  const writes = new Map<Part, number>(PARTS.map((p) => [p, 0]));
  const self = new Map<number, number>();
  let idleMs = 0;
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    // A sample stands for the time until the next one (the last: until the profile's end).
    const next = profile.timeDeltas[i + 1];
    const ms = (next ?? Math.max(0, profile.endTime - profile.startTime - sum(profile.timeDeltas))) / 1000;
    const part = resolve(id);
    if (part === 'idle') {
      idleMs += ms;
      return;
    }
    busyMs += ms;
    parts.set(part, parts.get(part)! + ms);
    const { functionName, url } = byId.get(id)!.callFrame;
    if (url === '' && SOCKET_WRITES.has(functionName)) writes.set(part, writes.get(part)! + ms);
    self.set(id, (self.get(id) ?? 0) + ms);
  });
  const byName = new Map<string, number>();
  for (const [id, ms] of self) {
    const { functionName, url } = byId.get(id)!.callFrame;
    const name = `${functionName || '(anonymous)'} (${shortUrl(url)})`;
    byName.set(name, (byName.get(name) ?? 0) + ms);
  }
  const top = [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topCount)
    .map(([name, ms]) => ({ name, ms }));
  return { busyMs, idleMs, parts, writes, top };
}

/** Node's native socket writes (`StreamBase`): the leaf of every write to a socket. */
const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeLatin1String', 'writeUtf8String', 'writeAsciiString', 'writeUcs2String']);

function sum(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** A file's name from the repository or the package on (`server-adapters/src/store/sql.ts`, `pg/lib/client.js`). */
function shortUrl(url: string): string {
  if (url === '') return 'native';
  const inModules = url.lastIndexOf('/node_modules/');
  if (inModules !== -1) return url.slice(inModules + '/node_modules/'.length);
  const inRepo = /\/(packages|examples|bench)\/.*$/.exec(url);
  return inRepo ? inRepo[0].slice(1) : url.replace(/^file:\/\//, '');
}

/** The breakdown as lines: each part's share of busy time and ms per flow, largest first, then the functions with the most self time. */
export function describeBreakdown(b: Breakdown, flows: number, indent = '      '): string[] {
  const lines = [`${indent}main thread busy ${(b.busyMs / flows).toFixed(2)} ms per flow (${flows} flows; idle excluded):`];
  const parts = [...b.parts].filter(([, ms]) => ms > 0).sort((a, c) => c[1] - a[1]);
  for (const [part, ms] of parts) {
    const written = b.writes.get(part) ?? 0;
    const writes = written > 0 ? ` (socket writes ${(written / flows).toFixed(3)} ms)` : '';
    lines.push(
      `${indent}  ${((100 * ms) / b.busyMs).toFixed(1).padStart(5)} %  ${(ms / flows).toFixed(3).padStart(7)} ms  ${part}${writes}`,
    );
  }
  if (b.top.length) lines.push(`${indent}  most self time: ${b.top.map((t) => `${t.name} ${(t.ms / flows).toFixed(3)} ms`).join('; ')}`);
  return lines;
}
