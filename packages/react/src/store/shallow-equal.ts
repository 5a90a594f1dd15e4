/**
 * Whether `a` and `b` are equal at the first level: `Object.is`, or two plain objects (or two
 * arrays) with the same keys whose values are `Object.is`. Anything else (a `Map`, a `Date`, a
 * class instance) is equal only to itself, so a selector returning one never misses a change.
 * What the hooks' selectors are compared with; zustand's `useShallow`, re-exported for
 * `usePiStore`, also compares the entries of maps and sets. Internal.
 */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!isPlain(a) || !isPlain(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && Object.is(a[key], b[key]));
}

/** A plain object or an array (what selectors build). */
function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}
