/**
 * A short, safe description of any value for development-only error texts ("got …"):
 * never throws, whatever the value (BigInt, Symbol, cycles, objects without a prototype,
 * or with a `constructor` that is not a function). Internal.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? `a ${name} object` : 'an object';
  }
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
  return `${typeof value} ${String(value)}`; // number, bigint, boolean, undefined
}
