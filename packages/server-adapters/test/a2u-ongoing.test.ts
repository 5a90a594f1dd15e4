/**
 * Pi allows one ongoing A2U payment per app (its backend SDKs, https://github.com/pi-apps/pi-nodejs
 * README: `getIncompleteServerPayments` returns "0 or 1 payment"; `createPayment` fails with "You
 * need to complete the ongoing payment first to create a new one."). The A2U client finishes the
 * ongoing payment first, then creates the new one; its own `pay()` calls run one at a time.
 */
import { describe, expect, it } from 'vitest';
import { createA2UClient } from '../src/a2u/client';
import { A2UError } from '../src/a2u/errors';
import { useSimulatedNetwork } from './support/sim';

const sim = useSimulatedNetwork();
const client = () =>
  createA2UClient({
    apiKey: sim.network.app.apiKey,
    walletSeed: sim.network.app.walletSecret,
    platform: { retryDelayMs: 1 },
    retryDelayMs: 1,
    horizonRetries: 0,
    logger: false,
  });
const to = (user: string, amount = 1) => ({ amount, memo: `to ${user}`, metadata: {}, uid: sim.network.user(user).uid });

describe('one ongoing A2U payment per app', () => {
  it('createPayment while another payment is ongoing: that one is paid and completed first, then the new one is created', async () => {
    const a2u = client();
    const ongoing = await a2u.createPayment(to('alice'));
    const aliceBefore = sim.network.balanceOf(sim.network.user('alice').walletAddress);

    const next = await a2u.createPayment(to('bob'));

    expect(next.identifier).not.toBe(ongoing.identifier);
    expect(sim.network.getPayment(ongoing.identifier)?.status).toMatchObject({ transaction_verified: true, developer_completed: true });
    expect(sim.network.balanceOf(sim.network.user('alice').walletAddress)).toBeCloseTo(aliceBefore + 1, 7);
    expect((await a2u.getIncompleteServerPayments()).map((p) => p.identifier)).toEqual([next.identifier]);
  });

  it('an ongoing payment already paid is completed, not paid again', async () => {
    const a2u = client();
    const ongoing = await a2u.createPayment(to('alice'));
    const txid = await a2u.submitPayment(ongoing.identifier);
    const aliceBefore = sim.network.balanceOf(sim.network.user('alice').walletAddress);
    await a2u.createPayment(to('bob'));
    expect(sim.network.getPayment(ongoing.identifier)).toMatchObject({ transaction: { txid }, status: { developer_completed: true } });
    expect(sim.network.balanceOf(sim.network.user('alice').walletAddress)).toBeCloseTo(aliceBefore, 7);
  });

  it('concurrent pay() calls of one client all complete, each user paid once', async () => {
    const a2u = client();
    const users = ['alice', 'bob', 'alice', 'bob'];
    const paid = await Promise.all(users.map((user) => a2u.pay(to(user, 0.5))));
    expect(paid.every((p) => p.status.developer_completed)).toBe(true);
    expect(new Set(paid.map((p) => p.transaction!.txid)).size).toBe(4);
    expect(await a2u.getIncompleteServerPayments()).toEqual([]);
  });

  it('when the ongoing payment cannot be finished: A2UError ongoing_payment naming it, nothing created', async () => {
    const a2u = client();
    const ongoing = await a2u.createPayment(to('alice'));
    sim.network.faults.inject({ api: 'horizon', status: 503, times: 20 });
    const error = await a2u.createPayment(to('bob')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(A2UError);
    expect(error).toMatchObject({ code: 'ongoing_payment', paymentId: ongoing.identifier });
    expect((error as A2UError).message).toMatch(/ongoing payment .* must be finished first/);
    expect(sim.network.payments().filter((p) => p.direction === 'app_to_user')).toHaveLength(1);
  });
});
