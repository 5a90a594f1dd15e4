/**
 * `PaymentData` is generic over JSON-serialisable metadata: what JSON cannot carry (a `Date`,
 * `undefined`, a function) does not compile; object types and interfaces of JSON fields do. The
 * `@ts-expect-error` lines are checked by `pnpm typecheck`: each must be an error.
 */
import { createPiClient, type PaymentData } from '@pi-kit/core';
import { describe, expect, expectTypeOf, it } from 'vitest';

const data = <Metadata extends object>(value: PaymentData<Metadata>) => value;

interface Order {
  orderId: string;
  items: Array<{ sku: string; quantity: number }>;
  note?: string;
  gift: boolean | null;
}

describe('PaymentData metadata types', () => {
  it('accepts JSON: object literals, interfaces of JSON fields, nested arrays; infers the metadata type', () => {
    const order: Order = { orderId: 'o-1', items: [{ sku: 'k', quantity: 2 }], gift: null };
    const typed = data({ amount: 1, memo: 'm', metadata: order });
    expectTypeOf(typed.metadata).toExtend<Order>();
    expect(data({ amount: 1, memo: 'm', metadata: { a: [1, 'two', { three: true }] } }).metadata.a).toHaveLength(3);
  });

  it('refuses what JSON cannot carry', () => {
    // @ts-expect-error a Date is not JSON
    data({ amount: 1, memo: 'm', metadata: { at: new Date() } });
    // @ts-expect-error undefined is not JSON
    data({ amount: 1, memo: 'm', metadata: { orderId: undefined } });
    // @ts-expect-error a function is not JSON
    data({ amount: 1, memo: 'm', metadata: { onPaid: () => {} } });
    // @ts-expect-error nested: a bigint is not JSON
    data({ amount: 1, memo: 'm', metadata: { lines: [{ price: 1n }] } });
    expect(true).toBe(true);
  });

  it('createPayment checks the same way', () => {
    const client = createPiClient({ sandbox: false });
    expectTypeOf(client.createPayment<Order>)
      .parameter(0)
      .toEqualTypeOf<PaymentData<Order>>();
    // Never called: only compiled.
    const withDate = () =>
      // @ts-expect-error a Date is not JSON
      client.createPayment({ amount: 1, memo: 'm', metadata: { at: new Date() } });
    expect(typeof withDate).toBe('function');
  });
});
