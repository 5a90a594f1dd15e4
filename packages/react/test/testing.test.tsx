import { screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usePayment, usePiAuth } from '../src/index';
import { cleanupPi, createPiHarness, renderHookWithPi, renderWithPi } from '../src/testing/index';
import { advance, callbacks, settle, useFakeTimers } from './support/sim';

afterEach(() => {
  cleanupPi();
  vi.useRealTimers();
});

/** A minimal pay button, as an app writes it. */
function BuyKitten() {
  const { status, user } = usePiAuth();
  const { pay, canPay, phase, error } = usePayment();
  return (
    <div>
      <p>{status === 'authenticated' ? `Hello @${user?.username}` : 'Signed out'}</p>
      <button
        type="button"
        disabled={!canPay}
        onClick={() => void pay({ amount: 2, memo: 'Kitten', metadata: { sku: 'kitten' } }).catch(() => undefined)}
      >
        Buy a kitten
      </button>
      <p data-testid="phase">{phase}</p>
      {error ? <p role="alert">{error.code}</p> : null}
    </div>
  );
}

async function clickBuy() {
  const button = await screen.findByRole('button', { name: 'Buy a kitten' });
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  button.click();
}

describe('@pi-kit/react/testing', () => {
  it('renderWithPi: a complete payment in a few lines, with the network to assert on', async () => {
    const { network, user, approveNextPayment } = renderWithPi(<BuyKitten />, {
      user: 'carol',
      balance: 10,
      wallet: 'manual',
      autoSignIn: true,
    });
    expect(await screen.findByText('Hello @carol')).toBeTruthy();
    await clickBuy();
    const payment = await approveNextPayment();
    await waitFor(() => expect(screen.getByTestId('phase').textContent).toBe('completed'));
    expect(payment).toMatchObject({ amount: 2, memo: 'Kitten', metadata: { sku: 'kitten' }, user_uid: user.uid });
    expect(network.getPayment(payment.identifier)?.status.developer_completed).toBe(true);
    expect(network.balanceOf(user.walletAddress)).toBeCloseTo(10 - 2 - 0.01, 7);
  });

  it('rejectNextPayment: the user says no', async () => {
    const { rejectNextPayment } = renderWithPi(<BuyKitten />, { wallet: 'manual', autoSignIn: true });
    await clickBuy();
    await rejectNextPayment();
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'payment_cancelled');
    expect(screen.getByTestId('phase').textContent).toBe('cancelled');
  });

  it('a user without enough π: Pi cancels the payment', async () => {
    renderWithPi(<BuyKitten />, { balance: 1, autoSignIn: true });
    await clickBuy();
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'payment_cancelled');
  });

  it('two users on one network: each harness acts for its own user', async () => {
    const shared = createPiHarness({ user: 'alice' });
    const bob = renderHookWithPi(() => usePiAuth(), { network: shared.network, user: 'bob', autoSignIn: true });
    await waitFor(() => expect(bob.result.current.user?.username).toBe('bob'));
    expect(bob.network).toBe(shared.network);
    expect(
      shared.network
        .users()
        .map((user) => user.username)
        .sort(),
    ).toEqual(['alice', 'bob']);
  });

  it('wrapper goes inside the provider; strictMode renders inside <StrictMode>', async () => {
    const Frame = ({ children }: { children: ReactNode }) => <section aria-label="frame">{children}</section>;
    const renders: string[] = [];
    function Probe() {
      renders.push(usePiAuth().status);
      return null;
    }
    renderWithPi(<Probe />, { wrapper: Frame, strictMode: true });
    expect(screen.getByRole('region', { name: 'frame' })).toBeTruthy();
    expect(renders.length).toBeGreaterThanOrEqual(2); // StrictMode renders twice
  });

  it('cleanupPi stops the simulated SDK: no callbacks after the test', async () => {
    useFakeTimers();
    const { network } = renderWithPi(<BuyKitten />, { autoSignIn: true });
    await settle();
    network.faults.inject({ route: 'POST /v2/payments/*/approve', status: 500 });
    screen.getByRole('button', { name: 'Buy a kitten' }).click();
    await settle();
    await advance(10_000);
    expect(callbacks(network, 'onReadyForServerApproval')).toHaveLength(2); // Pi re-invokes while unanswered
    cleanupPi();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(callbacks(network, 'onReadyForServerApproval')).toHaveLength(2);
    expect(network.events.some((event) => event.type === 'sdk.payment_expired')).toBe(false);
  });
});
