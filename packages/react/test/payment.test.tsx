import { act, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { usePayment, usePiAuth } from '../src/index';
import { cleanupPi, renderHookWithPi } from '../src/testing/index';

afterEach(cleanupPi);

const usePiShop = () => ({ auth: usePiAuth(), payment: usePayment() });

describe('usePayment: happy path', () => {
  it('walks every phase and resolves pay() with the completed PaymentDTO', async () => {
    const { result, network, approveNextPayment, user } = renderHookWithPi(usePiShop, { wallet: 'manual', autoSignIn: true });
    await waitFor(() => expect(result.current.auth.status).toBe('authenticated'));
    expect(result.current.payment.canPay).toBe(true);
    let paid!: Promise<unknown>;
    act(() => {
      paid = result.current.payment.pay({ amount: 3.14, memo: 'Kitten', metadata: { orderId: 1 } });
    });
    expect(result.current.payment.phase).toBe('creating');
    const seen = await approveNextPayment();
    const completed = await paid;
    await waitFor(() => expect(result.current.payment.phase).toBe('completed'));
    expect(completed).toEqual(result.current.payment.payment);
    expect(result.current.payment.paymentId).toBe(seen.identifier);
    expect(network.getPayment(seen.identifier)?.status.developer_completed).toBe(true);
    expect(network.balanceOf(user.walletAddress)).toBeLessThan(100);
  });
});
