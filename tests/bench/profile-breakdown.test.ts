/**
 * The bench's CPU profile breakdown (`bench/load/profile-breakdown.ts`): each sample goes to the
 * owner of the nearest owned frame of its stack (a socket write made by `pg` counts as the
 * driver's), JSON, garbage collection and V8's own time count as themselves, idle time is left out.
 */
import { describe, expect, it } from 'vitest';
import { breakDown, type CpuProfile, describeBreakdown } from '../../bench/load/profile-breakdown';

const REPO = 'file:///repo';
const PG = `${REPO}/node_modules/.pnpm/pg@8.23.1/node_modules/pg/lib/client.js`;

/** A profile of one call tree: `[id, parent, functionName, url]`, and samples of `[node id, µs]`. */
function profile(nodes: Array<[number, number | null, string, string]>, samples: Array<[number, number]>): CpuProfile {
  const children = new Map<number, number[]>();
  for (const [id, parent] of nodes) if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), id]);
  // A sample's time is the delta of the next one: the deltas are shifted by one, the last one ends the profile.
  const deltas = [0, ...samples.slice(0, -1).map(([, us]) => us)];
  const total = samples.reduce((sum, [, us]) => sum + us, 0);
  return {
    nodes: nodes.map(([id, , functionName, url]) => ({ id, callFrame: { functionName, url }, children: children.get(id) ?? [] })),
    samples: samples.map(([id]) => id),
    timeDeltas: deltas,
    startTime: 0,
    endTime: total,
  };
}

const tree: Array<[number, number | null, string, string]> = [
  [1, null, '(root)', ''],
  [2, 1, 'processTicksAndRejections', 'node:internal/process/task_queues'],
  [3, 2, 'runOne', `${REPO}/packages/server-adapters/src/store/sql.ts`],
  [4, 3, 'query', PG],
  [5, 4, 'writev', ''],
  [6, 2, 'send', `${REPO}/packages/server-adapters/src/platform/client.ts`],
  [7, 6, 'parse', ''],
  [8, 6, 'fetch', 'node:internal/deps/undici/undici'],
  [9, 8, 'writeLatin1String', ''],
  [10, 1, '(garbage collector)', ''],
  [11, 1, '(idle)', ''],
  [12, 1, 'emit', 'node:_http_server'],
  [13, 12, 'handle', `${REPO}/node_modules/.pnpm/router@2.2.0/node_modules/router/index.js`],
  [14, 2, 'safeParse', `${REPO}/node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/classic/parse.js`],
  [15, 1, 'processTimers', 'node:internal/timers'],
  [16, 1, 'parserOnIncomingClient', 'node:_http_client'],
  [17, 16, 'emit', 'node:events'],
];

describe('CPU profile breakdown', () => {
  const b = breakDown(
    profile(tree, [
      [5, 400], // pg's socket write: the driver's
      [3, 100], // the store's own code
      [7, 50], // JSON.parse called by the Platform API client: JSON
      [6, 150], // the client's own code
      [9, 300], // fetch's socket write: the Pi calls'
      [10, 200],
      [11, 5_000], // idle: not busy time
      [13, 80], // Express's router
      [14, 20],
      [15, 700], // timers no owned code called
      [17, 60], // an answer to a Pi call over node:http: the client's
    ]),
  );
  const ms = (part: Parameters<typeof b.parts.get>[0]) => Number(b.parts.get(part)!.toFixed(3));

  it('gives each sample to the owner of the nearest owned frame, idle aside', () => {
    expect(ms('database driver (pg)')).toBe(0.4);
    expect(ms('pi-kit: SQL store')).toBe(0.1);
    expect(ms('JSON.parse / JSON.stringify')).toBe(0.05);
    expect(ms('pi-kit: Platform API client')).toBe(0.15);
    expect(ms('Pi calls: fetch (undici)')).toBe(0.3);
    expect(ms('garbage collection')).toBe(0.2);
    expect(ms('Express')).toBe(0.08);
    expect(ms('input validation (zod)')).toBe(0.02);
    expect(ms('timers, promise jobs, other Node internals')).toBe(0.7);
    expect(ms('Pi calls: node:http client')).toBe(0.06);
    expect(Number(b.busyMs.toFixed(3))).toBe(2.06);
    expect(Number(b.idleMs.toFixed(3))).toBe(5);
  });

  it('notes the socket writes of each part (the system call), whoever made them', () => {
    expect(Number(b.writes.get('database driver (pg)')!.toFixed(3))).toBe(0.4);
    expect(Number(b.writes.get('Pi calls: fetch (undici)')!.toFixed(3))).toBe(0.3);
    expect(b.writes.get('pi-kit: SQL store')).toBe(0);
  });

  it('prints each part with its share of busy time and ms per flow, largest first', () => {
    const lines = describeBreakdown(b, 2, '');
    expect(lines[0]).toBe('main thread busy 1.03 ms per flow (2 flows; idle excluded):');
    expect(lines[1]).toMatch(/^\s+34\.0 %\s+0\.350 ms\s+timers, promise jobs, other Node internals$/);
    expect(lines[2]).toBe('   19.4 %    0.200 ms  database driver (pg) (socket writes 0.200 ms)');
    expect(lines).toHaveLength(12);
    expect(lines[11]).toMatch(/^\s+most self time: processTimers \(node:internal\/timers\) 0\.350 ms; writev \(native\) 0\.200 ms; /);
  });
});
