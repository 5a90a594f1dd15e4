/**
 * Fault injection rules for the simulated Platform API and Horizon: make chosen
 * routes fail (status, error body, HTML 5xx page, delay, connection drop) for the
 * next N calls or at a rate. The Fetch handlers apply them; see the README, "Faults".
 */
import type { RandomStream } from './random';

/** Which API answered a call. */
export type SimApi = 'platform' | 'horizon';

/** What a fault rule's `route` and `predicate` see of a request. */
export interface FaultRequestInfo {
  api: SimApi;
  /** Upper-case HTTP method. */
  method: string;
  /** URL path, without the query string, e.g. `/v2/payments/abc/complete`. */
  path: string;
  url: string;
}

/**
 * A fault. Which calls it hits: `api` (`'platform'` or `'horizon'`), `route` (a string
 * `"[METHOD ]/path"` where `*` matches one path segment and `**` any rest, or a RegExp tested against
 * `"METHOD /path"`) and `predicate`; all given ones must match (none: every call).
 * What it does: `delayMs` waits first; then `drop` rejects the call (a network error),
 * `html` answers an HTML error page (status default 502), `status`/`body` answer that status with that
 * JSON body (default: the API's own error shape with code `simulated_fault`); with only `delayMs` the
 * call then proceeds normally. `after: true` lets the call change the network first and spoils only
 * the answer (a lost response). How often: `times` (the next N matching calls, then the rule is
 * removed), `rate` (each matching call with this probability, from the seeded stream), or always.
 */
export interface FaultRule {
  api?: SimApi;
  route?: string | RegExp;
  predicate?: (info: FaultRequestInfo) => boolean;
  status?: number;
  body?: unknown;
  html?: true | string;
  delayMs?: number;
  drop?: true;
  after?: true;
  times?: number;
  rate?: number;
}

/** `network.faults`. */
export interface Faults {
  /** Adds a rule (see {@link FaultRule}); returns a function removing it. Throws `TypeError` for an invalid rule. */
  inject(rule: FaultRule): () => void;
  /** Removes every rule. */
  clear(): void;
  /** The active rules, in order of injection. */
  list(): FaultRule[];
}

interface ActiveRule {
  rule: FaultRule;
  matcher: ((info: FaultRequestInfo) => boolean) | undefined;
  remaining: number;
}

function routeMatcher(route: string | RegExp): (info: FaultRequestInfo) => boolean {
  if (route instanceof RegExp) return (info) => route.test(`${info.method} ${info.path}`);
  const trimmed = route.trim();
  const space = trimmed.indexOf(' ');
  const method = space > 0 ? trimmed.slice(0, space).toUpperCase() : undefined;
  const pattern = space > 0 ? trimmed.slice(space + 1).trim() : trimmed;
  const source = pattern
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segment === '*' ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  const regex = new RegExp(`^${source}/?$`);
  return (info) => (method === undefined || info.method === method) && regex.test(info.path);
}

/** The fault registry of a network. */
export class FaultRegistry implements Faults {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: RandomStream) {}

  inject(rule: FaultRule): () => void {
    if (rule === null || typeof rule !== 'object') throw new TypeError('faults.inject(rule): rule must be an object.');
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0))
      throw new TypeError('faults.inject: `times` must be a positive integer.');
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1))
      throw new TypeError('faults.inject: `rate` must be between 0 and 1.');
    if (rule.status !== undefined && !(Number.isInteger(rule.status) && rule.status >= 200 && rule.status <= 599))
      throw new TypeError('faults.inject: `status` must be an HTTP status (200–599).');
    if (rule.delayMs !== undefined && !(rule.delayMs >= 0)) throw new TypeError('faults.inject: `delayMs` must be ≥ 0.');
    const active: ActiveRule = {
      rule,
      matcher: rule.route === undefined ? undefined : routeMatcher(rule.route),
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    };
    this.rules.push(active);
    return () => {
      this.rules = this.rules.filter((r) => r !== active);
    };
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  /** The rule hitting this call, if any (consumes one of its `times`). */
  take(info: FaultRequestInfo): FaultRule | undefined {
    if (this.rules.length === 0) return undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.api !== undefined && rule.api !== info.api) continue;
      if (active.matcher && !active.matcher(info)) continue;
      if (rule.predicate && !rule.predicate(info)) continue;
      if (rule.rate !== undefined && !(this.random.next() < rule.rate)) continue;
      active.remaining -= 1;
      if (active.remaining <= 0) this.rules = this.rules.filter((r) => r !== active);
      return rule;
    }
    return undefined;
  }
}
