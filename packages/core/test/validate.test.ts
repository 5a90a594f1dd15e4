import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidPaymentDataError, MAX_PI_AMOUNT, validatePaymentData } from '@pi-kit/core';

function fieldOf(input: unknown): string | undefined {
  try {
    validatePaymentData(input);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPaymentDataError);
    return (error as InvalidPaymentDataError).field;
  }
}

const valid = { amount: 3.1415, memo: 'Digital kitten #1234', metadata: { orderId: 1234, itemIds: [11, 42, 314] } };

describe('validatePaymentData', () => {
  it('accepts the example of Pi docs and returns it', () => {
    expect(validatePaymentData(valid)).toEqual(valid);
  });

  it.each([0.0000001, 1, 12.5, 0.1234567, MAX_PI_AMOUNT - 1])('accepts amount %s', (amount) => {
    expect(fieldOf({ ...valid, amount })).toBeUndefined();
  });

  it.each([
    0,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    '3.14',
    null,
    undefined,
    0.00000001,
    0.1 + 0.2,
    1.12345678,
    MAX_PI_AMOUNT * 2,
  ])('rejects amount %s naming the field', (amount) => {
    expect(fieldOf({ ...valid, amount })).toBe('amount');
  });

  it('says how to round an over-precise amount', () => {
    expect(() => validatePaymentData({ ...valid, amount: 0.1 + 0.2 })).toThrow(/Math\.round\(amount \* 1e7\) \/ 1e7/);
  });

  it.each(['', '   ', 42, null, undefined, ['a']])('rejects memo %s', (memo) => {
    expect(fieldOf({ ...valid, memo })).toBe('memo');
  });

  it.each([null, undefined, [], 'x', 1, new Date(), new Map()])('rejects metadata %s that is not a plain object', (metadata) => {
    expect(fieldOf({ ...valid, metadata })).toBe('metadata');
  });

  it('accepts nested JSON metadata and Object.create(null)', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.a = { b: [1, 'two', true, null, { c: 3 }] };
    expect(fieldOf({ ...valid, metadata: bare })).toBeUndefined();
  });

  it.each([
    [{ a: undefined }, /metadata\.a is undefined/],
    [{ f: () => 1 }, /metadata\.f is a function/],
    [{ n: 10n }, /metadata\.n is a bigint/],
    [{ s: Symbol('s') }, /metadata\.s is a symbol/],
    [{ x: [1, Number.NaN] }, /metadata\.x\[1\] is NaN/],
    [{ when: new Date(0) }, /metadata\.when is a Date object/],
  ])('rejects metadata %o that JSON would change, naming the path', (metadata, message) => {
    expect(() => validatePaymentData({ ...valid, metadata })).toThrow(message);
  });

  it('rejects cyclic metadata but accepts shared references', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => validatePaymentData({ ...valid, metadata: cyclic })).toThrow(/cycle/);
    const shared = { id: 1 };
    expect(fieldOf({ ...valid, metadata: { a: shared, b: shared } })).toBeUndefined();
  });

  it.each([null, undefined, 'data', 3, []])('rejects %s as payment data', (input) => {
    expect(fieldOf(input)).toBe('paymentData');
  });
});

/** The previous metadata check (a hand walk of the value), kept as the oracle of the JSON round-trip check. */
function walkerRejects(metadata: unknown): boolean {
  const plain = (value: unknown): value is Record<string, unknown> => {
    if (value === null || typeof value !== 'object') return false;
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
  };
  const problem = (value: unknown, ancestors: Set<object>): boolean => {
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) return false;
    if (typeof value === 'number') return !Number.isFinite(value);
    if (typeof value !== 'object') return true;
    if (ancestors.has(value)) return true;
    ancestors.add(value);
    try {
      if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => value[i]).some((item) => problem(item, ancestors));
      if (!plain(value)) return true;
      return Object.values(value).some((item) => problem(item, ancestors));
    } finally {
      ancestors.delete(value);
    }
  };
  return !plain(metadata) || problem(metadata, new Set());
}

describe('the metadata check (JSON round-trip)', () => {
  it('accepts and rejects exactly what the walk of the value did, for any value', () => {
    const values = fc.oneof(
      fc.anything({
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withTypedArray: true,
        withSparseArray: true,
        withObjectString: true,
      }),
      fc.object({ withNullPrototype: true, withSparseArray: true }),
      fc.dictionary(fc.string(), fc.jsonValue()),
    );
    fc.assert(
      fc.property(values, (metadata) => {
        expect(fieldOf({ ...valid, metadata }) === 'metadata').toBe(walkerRejects(metadata));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects cycles, also deep ones, and bigints', () => {
    const deep: Record<string, unknown> = { a: { b: [1, {}] } };
    ((deep.a as { b: unknown[] }).b[1] as Record<string, unknown>).up = deep;
    expect(fieldOf({ ...valid, metadata: deep })).toBe('metadata');
    expect(fieldOf({ ...valid, metadata: { n: [1n] } })).toBe('metadata');
    const holey: number[] = [];
    holey[0] = 1;
    holey[2] = 2; // a hole at 1: JSON makes it null
    expect(fieldOf({ ...valid, metadata: { a: holey } })).toBe('metadata');
    expect(fieldOf({ ...valid, metadata: { a: -0, b: '\ud800' } })).toBeUndefined();
  });
});
