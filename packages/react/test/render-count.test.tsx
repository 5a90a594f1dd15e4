import type { PaymentDTO, PaymentPhase } from '@pi-kit/core';
import { Profiler, useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usePayment, usePiAuth, type UsePaymentResult } from '../src/index';
import { cleanupPi, renderWithPi } from '../src/testing/index';
import { KITTEN } from './support/sim';

/**
 * These tests let React schedule renders as in an app (no `act` batching), so every
 * store change that re-renders a component shows up as its own commit.
 */
const actGlobal = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
let actEnvironment: boolean | undefined;
beforeEach(() => {
  actEnvironment = actGlobal.IS_REACT_ACT_ENVIRONMENT;
});
afterEach(() => {
  actGlobal.IS_REACT_ACT_ENVIRONMENT = actEnvironment;
  cleanupPi();
});

/** Waits until React had a chance to render what the store changes scheduled. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Commits {
  phases: PaymentPhase[];
  payRef: { current: ((data: typeof KITTEN) => Promise<PaymentDTO>) | null };
}

function setup(readPhase: () => PaymentPhase) {
  const commits: Commits = { phases: [], payRef: { current: null } };
  const rendered: PaymentPhase[] = [];
  function PhaseView() {
    const phase = readPhase();
    rendered.push(phase);
    return <strong data-testid="phase">{phase}</strong>;
  }
  function PayButton() {
    // Reads only `pay` (a stable function): never re-renders for state changes.
    const { pay } = usePayment();
    const ref = useRef(pay);
    commits.payRef.current = ref.current;
    return null;
  }
  const onRender = () => {
    commits.phases.push(rendered[rendered.length - 1]!);
  };
  const view = renderWithPi(
    <>
      <Profiler id="phase" onRender={onRender}>
        <PhaseView />
      </Profiler>
      <PayButton />
    </>,
    { wallet: 'manual' },
  );
  return { ...view, commits, rendered };
}

async function fullPayment(view: ReturnType<typeof setup>) {
  const { client, wallet, commits } = view;
  actGlobal.IS_REACT_ACT_ENVIRONMENT = false;
  const storeChanges: Array<{ phaseChanged: boolean }> = [];
  client.store.subscribe((state, previous) => storeChanges.push({ phaseChanged: state.payment?.phase !== previous.payment?.phase }));

  await client.authenticate();
  await nextTask();
  const paid = commits.payRef.current!(KITTEN);
  const review = await wallet.next();
  await nextTask();
  wallet.approve(review.identifier);
  const completed = await paid;
  await nextTask();
  // Changes the phase view does not read: sign-out, the store's auth slice.
  client.signOut();
  await nextTask();
  return { completed, storeChanges };
}

const FULL_PAYMENT: PaymentPhase[] = ['idle', 'creating', 'approving', 'signing', 'completing', 'completed'];

describe('render counts (React Profiler)', () => {
  it('a component showing usePayment().phase commits once per phase change of a full payment, and never for other changes', async () => {
    const view = setup(() => usePayment().phase);
    const { completed, storeChanges } = await fullPayment(view);
    expect(completed.status.developer_completed).toBe(true);
    expect(view.commits.phases).toEqual(FULL_PAYMENT);
    expect(view.rendered).toEqual(FULL_PAYMENT);
    // The store changed far more often than the phase (auth, approval, completion, paymentId, txid, payment DTO).
    const otherChanges = storeChanges.filter((change) => !change.phaseChanged).length;
    expect(otherChanges).toBeGreaterThanOrEqual(5);
    expect(view.getByTestId('phase').textContent).toBe('completed');
  });

  it('the same with a selector: usePayment((p) => p.phase)', async () => {
    const view = setup(() => usePayment((payment: UsePaymentResult) => payment.phase));
    await fullPayment(view);
    expect(view.commits.phases).toEqual(FULL_PAYMENT);
  });

  it('a component reading only usePiAuth().status never renders for payment changes', async () => {
    const statuses: string[] = [];
    function AuthView() {
      const { status } = usePiAuth();
      statuses.push(status);
      return <span>{status}</span>;
    }
    const { client, wallet } = renderWithPi(<AuthView />, { wallet: 'manual' });
    statuses.length = 0;
    actGlobal.IS_REACT_ACT_ENVIRONMENT = false;
    await client.authenticate();
    await nextTask();
    const rendersAfterSignIn = statuses.length;
    expect(statuses.at(-1)).toBe('authenticated');
    const paid = client.createPayment(KITTEN).promise;
    const review = await wallet.next();
    wallet.approve(review.identifier);
    await paid;
    await nextTask();
    expect(statuses.length).toBe(rendersAfterSignIn);
  });
});
