import { act } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { usePayment, usePiAuth, usePiStore, useShallow } from '../src/index';
import { cleanupPi, renderHookWithPi } from '../src/testing/index';
import { KITTEN } from './support/sim';

afterEach(cleanupPi);

describe('selectors', () => {
  it('usePiStore selects from core’s PiClientState and re-renders only when the selection changes', async () => {
    let renders = 0;
    const { result, client, approveNextPayment } = renderHookWithPi(
      () => {
        renders += 1;
        return usePiStore(useShallow((state) => ({ user: state.auth.user, paymentId: state.payment?.paymentId ?? null })));
      },
      { wallet: 'manual' },
    );
    expect(result.current).toEqual({ user: null, paymentId: null });
    await act(() => client.authenticate());
    expect(result.current.user?.username).toBe('alice');
    const afterSignIn = renders;
    let paid!: Promise<unknown>;
    act(() => {
      paid = client.createPayment(KITTEN).promise;
    });
    const payment = await approveNextPayment();
    await act(() => paid);
    expect(result.current.paymentId).toBe(payment.identifier);
    // user unchanged; paymentId changed once: exactly one more render whatever else changed.
    expect(renders).toBe(afterSignIn + 1);
  });

  it('usePiAuth and usePayment take selectors too (compared shallowly): a payment does not re-render an auth selection', async () => {
    let renders = 0;
    const { result, client } = renderHookWithPi(() => {
      renders += 1;
      return usePiAuth((auth) => ({ username: auth.user?.username ?? null, signIn: auth.signIn }));
    });
    const canPay = renderHookWithPi(() => usePayment((payment) => payment.canPay));
    expect(result.current.username).toBeNull();
    expect(canPay.result.current).toBe(false);
    await act(() => result.current.signIn());
    expect(result.current.username).toBe('alice');
    const afterSignIn = renders;
    await act(() => client.createPayment(KITTEN).promise);
    expect(client.store.getState().payment?.phase).toBe('completed');
    expect(renders).toBe(afterSignIn);
    await act(() => canPay.client.authenticate());
    expect(canPay.result.current).toBe(true);
  });
});
