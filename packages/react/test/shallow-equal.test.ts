import { describe, expect, it } from 'vitest';
import { shallowEqual } from '../src/store/shallow-equal';

describe('shallowEqual (what the hooks compare selections with)', () => {
  it('compares plain objects and arrays by their own keys and values (Object.is)', () => {
    const error = new Error('e');
    expect(shallowEqual({ phase: 'idle', error }, { phase: 'idle', error })).toBe(true);
    expect(shallowEqual([1, 'a', error], [1, 'a', error])).toBe(true);
    expect(shallowEqual(Object.assign(Object.create(null), { a: 1 }), { a: 1 })).toBe(true);
    expect(shallowEqual({ a: Number.NaN }, { a: Number.NaN })).toBe(true);
    expect(shallowEqual({ a: 0 }, { a: -0 })).toBe(false);
    expect(shallowEqual({ a: {} }, { a: {} })).toBe(false); // one level only
    expect(shallowEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(shallowEqual({ a: undefined }, { b: 1 })).toBe(false); // same count, other key
    expect(shallowEqual([1, 2], [2, 1])).toBe(false);
    expect(shallowEqual([], {})).toBe(false);
  });

  it('compares primitives with Object.is', () => {
    expect(shallowEqual('completed', 'completed')).toBe(true);
    expect(shallowEqual(null, null)).toBe(true);
    expect(shallowEqual(null, {})).toBe(false);
    expect(shallowEqual(1, '1')).toBe(false);
  });

  it('holds anything else equal to itself only: a new Map, Set or Date is a change', () => {
    const map = new Map([['a', 1]]);
    expect(shallowEqual(map, map)).toBe(true);
    expect(shallowEqual(new Map([['a', 1]]), new Map([['a', 1]]))).toBe(false);
    expect(shallowEqual(new Set([1]), new Set([1]))).toBe(false);
    expect(shallowEqual(new Date(0), new Date(0))).toBe(false);
  });
});
