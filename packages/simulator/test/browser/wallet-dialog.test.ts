// @vitest-environment jsdom
import type { PaymentCallbacks } from '@pi-kit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedAppServer } from '../../src/index';
import { mountWalletDialog } from '../../src/browser/wallet-dialog';
import { createPiNetwork } from '../../src/index';
import { createSimulatedPi } from '../../src/index';

const $ = (testId: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const button = (testId: string) => $(testId) as HTMLButtonElement;

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanup) fn();
  cleanup = [];
  document.body.innerHTML = '';
});

async function payWithDialog(user: 'alice' | 'bob', amount: number, options: { server?: 'auto' | 'manual' } = {}) {
  const network = createPiNetwork({
    seed: 5,
    users: [
      { username: 'alice', balance: 100 },
      { username: 'bob', balance: 5 },
    ],
  });
  const pi = createSimulatedPi(network, { user, wallet: 'manual' });
  const unmount = mountWalletDialog(pi.wallet, document);
  cleanup.push(unmount, () => pi.dispose());
  const server = createSimulatedAppServer(network);
  pi.init({ version: '2.0' });
  const { accessToken } = await pi.authenticate(['payments'], () => undefined);
  const calls: string[] = [];
  const callbacks: PaymentCallbacks = {
    onReadyForServerApproval: (paymentId) => {
      calls.push('approval');
      if (options.server !== 'manual')
        void server.fetch(new Request('http://app/api/pi/approve', { method: 'POST', body: JSON.stringify({ paymentId, accessToken }) }));
    },
    onReadyForServerCompletion: (paymentId, txid) => {
      calls.push('completion');
      if (options.server !== 'manual')
        void server.fetch(new Request('http://app/api/pi/complete', { method: 'POST', body: JSON.stringify({ paymentId, txid }) }));
    },
    onCancel: () => calls.push('cancel'),
    onError: () => calls.push('error'),
  };
  pi.createPayment({ amount, memo: 'Digital kitten #1234', metadata: {} }, callbacks);
  await vi.waitFor(() => expect($('pi-wallet-dialog')).not.toBeNull());
  if (options.server !== 'manual') await vi.waitFor(() => expect($('pi-wallet-dialog')?.dataset.state).not.toBe('awaiting_approval'));
  return { network, pi, calls, unmount };
}

describe('the wallet dialog', () => {
  // Pi's payment flow (payments.md): "The Payment Flow UI opens, but cannot be interacted with until
  // the payment is approved by your server"; after the transaction, the flow "will not close" until
  // the app's server completes the payment.
  it("follows Pi's flow: opens locked until the server approves, stays open after signing until the server completes", async () => {
    const { network, calls } = await payWithDialog('alice', 2, { server: 'manual' });
    const state = () => $('pi-wallet-dialog')?.dataset.state;
    const id = network.payments()[0]!.identifier;
    expect(state()).toBe('awaiting_approval');
    expect($('pi-wallet-status')?.textContent).toBe('Waiting for the app to approve this payment…');
    expect([button('pi-wallet-approve').disabled, button('pi-wallet-reject').disabled]).toEqual([true, true]);

    network.approvePayment(id);
    await vi.waitFor(() => expect(state()).toBe('review'), { timeout: 3_000 });
    expect([button('pi-wallet-approve').disabled, button('pi-wallet-reject').disabled]).toEqual([false, false]);

    button('pi-wallet-approve').click();
    await vi.waitFor(() => expect(state()).toBe('awaiting_completion'));
    expect($('pi-wallet-status')?.textContent).toBe('Paid. Waiting for the app to complete the payment…');
    expect(network.getPayment(id)?.status).toMatchObject({ transaction_verified: true, developer_completed: false });
    expect([button('pi-wallet-approve').disabled, button('pi-wallet-reject').disabled]).toEqual([true, true]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state()).toBe('awaiting_completion');

    network.completePayment(id, network.getPayment(id)!.transaction!.txid);
    await vi.waitFor(() => expect($('pi-wallet-dialog')).toBeNull(), { timeout: 3_000 });
    expect(calls.slice(0, 2)).toEqual(['approval', 'completion']);
  });

  it('shows the amount, memo and balance of the payment awaiting a decision', async () => {
    const { network } = await payWithDialog('alice', 3.1415);
    const dialog = $('pi-wallet-dialog');
    expect(dialog?.getAttribute('role')).toBe('dialog');
    expect(dialog?.getAttribute('data-payment-id')).toBe(network.payments()[0]?.identifier);
    expect($('pi-wallet-amount')?.textContent).toBe('3.1415 π');
    expect($('pi-wallet-memo')?.textContent).toBe('Digital kitten #1234');
    expect($('pi-wallet-balance')?.textContent).toBe('Balance: 100 π');
    expect($('pi-wallet-message')).toBeNull();
    expect(button('pi-wallet-approve').disabled).toBe(false);
    expect(button('pi-wallet-approve').textContent).toBe('Approve & sign');
    expect(button('pi-wallet-reject').textContent).toBe('Reject');
  });

  it('"Approve & sign" submits the transaction, closes the dialog, and the payment completes', async () => {
    const { network, calls } = await payWithDialog('alice', 2);
    button('pi-wallet-approve').click();
    await vi.waitFor(() => expect(network.payments()[0]?.status.developer_completed).toBe(true));
    expect($('pi-wallet-dialog')).toBeNull();
    expect(calls).toEqual(['approval', 'completion']);
  });

  it('"Reject" cancels the payment (onCancel) and closes the dialog', async () => {
    const { network, calls } = await payWithDialog('alice', 2);
    button('pi-wallet-reject').click();
    await vi.waitFor(() => expect(calls).toEqual(['approval', 'cancel']));
    expect(network.payments()[0]?.status.user_cancelled).toBe(true);
    expect($('pi-wallet-dialog')).toBeNull();
  });

  it('with insufficient funds shows the message, disables approve, and "Close" cancels', async () => {
    const { calls } = await payWithDialog('bob', 50);
    expect($('pi-wallet-message')?.textContent).toMatch(/Insufficient funds: your balance is 5 π, this payment needs 50 π/);
    expect($('pi-wallet-message')?.getAttribute('role')).toBe('alert');
    expect(button('pi-wallet-approve').disabled).toBe(true);
    expect(button('pi-wallet-reject').textContent).toBe('Close');
    button('pi-wallet-reject').click();
    await vi.waitFor(() => expect(calls).toEqual(['approval', 'cancel']));
    expect($('pi-wallet-dialog')).toBeNull();
  });

  it('when signing fails for the fee, shows the insufficient-funds message until closed', async () => {
    const { calls } = await payWithDialog('bob', 5);
    expect($('pi-wallet-message')).toBeNull();
    button('pi-wallet-approve').click();
    await vi.waitFor(() => expect(calls).toEqual(['approval', 'cancel']));
    expect($('pi-wallet-message')?.textContent).toMatch(/Insufficient funds/);
    expect(button('pi-wallet-approve').disabled).toBe(true);
    button('pi-wallet-reject').click();
    expect($('pi-wallet-dialog')).toBeNull();
  });

  it('closes when the app cancels the payment while it is shown', async () => {
    const { network, calls } = await payWithDialog('alice', 1);
    network.cancelPayment(network.payments()[0]?.identifier ?? '');
    await vi.waitFor(() => expect($('pi-wallet-dialog')).toBeNull());
    expect(calls).toEqual(['approval', 'cancel']);
  });

  it('unmounting removes the dialog', async () => {
    const { unmount } = await payWithDialog('alice', 1);
    unmount();
    expect($('pi-wallet-dialog')).toBeNull();
  });
});
