import {
  ApprovalFailedError,
  CompletionFailedError,
  IncompletePaymentError,
  InvalidPaymentDataError,
  NotAuthenticatedError,
  PaymentCancelledError,
  PaymentInProgressError,
  createFetchTransport,
  createPiClient,
  type PaymentDTO,
  type PaymentTransport,
} from '@pi-kit/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PiProvider, usePayment, usePiAuth } from '../src/index';
import { TEST_APP_ORIGIN, cleanupPi, createPiHarness, renderHookWithPi } from '../src/testing/index';
import { advance, appCalls, callbacks, KITTEN, makeIncompletePayment, settle, useFakeTimers } from './support/sim';

afterEach(() => {
  cleanupPi();
  vi.useRealTimers();
});

const useShop = () => ({ auth: usePiAuth(), payment: usePayment() });

/** Renders the shop hooks for a signed-in user (wallet 'manual' unless told). */
async function signedIn(options: Parameters<typeof renderHookWithPi>[1] = {}) {
  const rendered = renderHookWithPi(useShop, { wallet: 'manual', autoSignIn: true, ...options });
  await waitFor(() => expect(rendered.result.current.auth.status).toBe('authenticated'));
  return rendered;
}

/** Starts a payment through the hook inside `act`; returns its promise (already guarded against unhandled rejection). */
function pay(result: { current: ReturnType<typeof useShop> }, data = KITTEN): Promise<PaymentDTO> {
  let promise!: Promise<PaymentDTO>;
  act(() => {
    promise = result.current.payment.pay(data);
  });
  promise.catch(() => undefined);
  return promise;
}

describe('usePayment: before any payment', () => {
  it('is idle with every field empty, and canPay only once signed in with the payments scope', async () => {
    const { result } = renderHookWithPi(useShop, { wallet: 'manual' });
    expect(result.current.payment).toMatchObject({
      phase: 'idle',
      paymentId: null,
      txid: null,
      payment: null,
      data: null,
      error: null,
      approval: { status: 'idle', attempts: 0, error: null },
      completion: { status: 'idle', attempts: 0, error: null },
      isIdle: true,
      isPending: false,
      isCompleted: false,
      isCancelled: false,
      isFailed: false,
      canPay: false,
    });
    await act(() => result.current.auth.signIn(['username']));
    expect(result.current.auth.status).toBe('authenticated');
    expect(result.current.payment.canPay).toBe(false); // no `payments` scope
    await act(() => result.current.auth.signIn(['username', 'payments']));
    expect(result.current.payment.canPay).toBe(true);
  });

  it('refuses to pay without a signed-in user: NotAuthenticatedError, phase failed, nothing sent to Pi', async () => {
    const { result, network } = renderHookWithPi(useShop, { wallet: 'manual' });
    await waitFor(() => expect(network.events.some((event) => event.type === 'sdk.init')).toBe(true));
    const paid = pay(result);
    await expect(paid).rejects.toBeInstanceOf(NotAuthenticatedError);
    await waitFor(() => expect(result.current.payment.phase).toBe('failed'));
    expect(result.current.payment.error).toBeInstanceOf(NotAuthenticatedError);
    expect(result.current.payment.isFailed).toBe(true);
    expect(network.payments()).toHaveLength(0);
  });

  it('rejects invalid payment data with InvalidPaymentDataError (field named), nothing sent to Pi', async () => {
    const { result, network } = await signedIn();
    const paid = pay(result, { amount: -1, memo: 'x', metadata: {} });
    await expect(paid).rejects.toMatchObject({ code: 'invalid_payment_data', field: 'amount' });
    await expect(paid).rejects.toBeInstanceOf(InvalidPaymentDataError);
    expect(result.current.payment.phase).toBe('failed');
    expect(network.payments()).toHaveLength(0);
  });
});

describe('usePayment: the happy path (the community guide: payment flow, three phases)', () => {
  it('shows every phase and field, and resolves pay() with the completed PaymentDTO', async () => {
    const { result, network, wallet, user } = await signedIn();
    const paid = pay(result);
    expect(result.current.payment).toMatchObject({ phase: 'creating', isPending: true, isIdle: false, canPay: false, data: KITTEN });

    // Phase I: the app server approved; the user reviews the payment in the wallet.
    const review = await wallet.next();
    await waitFor(() => expect(result.current.payment.phase).toBe('signing'));
    expect(result.current.payment).toMatchObject({
      paymentId: review.identifier,
      txid: null,
      approval: { status: 'succeeded', attempts: 1, error: null },
      completion: { status: 'idle', attempts: 0 },
      isPending: true,
      canPay: false,
    });
    expect(result.current.payment.payment?.status.developer_approved).toBe(true);

    // Phase II: the user signs; Phase III: the app server completes.
    await act(async () => wallet.approve(review.identifier));
    const completed = await paid;
    await waitFor(() => expect(result.current.payment.phase).toBe('completed'));
    const txid = network.getPayment(review.identifier)?.transaction?.txid;
    expect(txid).toBeTruthy();
    expect(result.current.payment).toMatchObject({
      paymentId: review.identifier,
      txid,
      error: null,
      completion: { status: 'succeeded', attempts: 1, error: null },
      isPending: false,
      isCompleted: true,
      isCancelled: false,
      isFailed: false,
      canPay: true,
    });
    expect(completed).toEqual(result.current.payment.payment);
    expect(completed).toMatchObject({ identifier: review.identifier, amount: 3.14, status: { developer_completed: true } });
    expect(network.getPayment(review.identifier)?.status.developer_completed).toBe(true);
    expect(network.balanceOf(user.walletAddress)).toBeCloseTo(100 - 3.14 - 0.01, 7);
  });

  it('reset() forgets a finished payment, and does nothing while one is open', async () => {
    const { result, approveNextPayment } = await signedIn();
    const paid = pay(result);
    act(() => result.current.payment.reset());
    expect(result.current.payment.phase).toBe('creating');
    await approveNextPayment();
    await paid;
    await waitFor(() => expect(result.current.payment.isCompleted).toBe(true));
    act(() => result.current.payment.reset());
    expect(result.current.payment).toMatchObject({ phase: 'idle', paymentId: null, txid: null, payment: null, isIdle: true, canPay: true });
  });

  it('reset() detaches the payment: a late server answer for it never brings it back', async () => {
    const harness = createPiHarness();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answered!: () => void;
    const lateAnswer = new Promise<void>((resolve) => {
      answered = resolve;
    });
    const fetchTransport = createFetchTransport({
      baseUrl: TEST_APP_ORIGIN,
      fetch: (input, init) => harness.appServer.fetch(new Request(input, init)),
    });
    // The app server approves at once (Pi moves on), but its answer reaches the browser late.
    const transport: PaymentTransport = {
      ...fetchTransport,
      approve: async (body) => {
        const answer = await fetchTransport.approve(body);
        await held;
        answered();
        return answer;
      },
    };
    const client = createPiClient({ ...harness.options, transport });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <PiProvider client={client} autoSignIn>
        {children}
      </PiProvider>
    );
    const { result } = renderHook(useShop, { wrapper });
    await waitFor(() => expect(result.current.auth.status).toBe('authenticated'));
    const paid = pay(result);
    // The SDK's onReadyForServerCompletion proves the approval: the payment completes without its answer.
    await act(() => paid);
    expect(result.current.payment).toMatchObject({ isCompleted: true, approval: { status: 'pending' } });

    act(() => result.current.payment.reset());
    expect(result.current.payment).toMatchObject({ phase: 'idle', isIdle: true });
    release();
    await act(() => lateAnswer);
    await settle();
    expect(client.store.getState().payment).toBeNull();
    expect(result.current.payment).toMatchObject({ phase: 'idle', isIdle: true, paymentId: null });
  });

  it('pays again after a completed payment', async () => {
    const { result, approveNextPayment, network } = await signedIn();
    const first = pay(result);
    await approveNextPayment();
    await first;
    const second = pay(result, { amount: 1, memo: 'Second', metadata: {} });
    await approveNextPayment();
    const completed = await second;
    expect(completed.amount).toBe(1);
    await waitFor(() => expect(result.current.payment.paymentId).toBe(completed.identifier));
    expect(network.payments().filter((payment) => payment.status.developer_completed)).toHaveLength(2);
  });
});

describe('usePayment: one open payment at a time', () => {
  it('canPay is false while a payment is open, and pay() is refused with PaymentInProgressError; the open one goes on', async () => {
    const { result, wallet, network } = await signedIn();
    const first = pay(result);
    const review = await wallet.next();
    await waitFor(() => expect(result.current.payment.phase).toBe('signing'));
    expect(result.current.payment.canPay).toBe(false);

    const second = pay(result, { amount: 9, memo: 'Double click', metadata: {} });
    await expect(second).rejects.toBeInstanceOf(PaymentInProgressError);
    await expect(second).rejects.toMatchObject({ code: 'payment_in_progress', openPaymentId: review.identifier });
    expect(result.current.payment).toMatchObject({ phase: 'signing', paymentId: review.identifier, error: null });
    expect(network.payments()).toHaveLength(1);

    await act(async () => wallet.approve(review.identifier));
    await expect(first).resolves.toMatchObject({ identifier: review.identifier });
  });
});

describe('usePayment: the user rejects the payment', () => {
  it('ends cancelled with PaymentCancelledError; no π moved; the user can pay again', async () => {
    const { result, rejectNextPayment, network, user } = await signedIn();
    const paid = pay(result);
    const review = await rejectNextPayment();
    await expect(paid).rejects.toBeInstanceOf(PaymentCancelledError);
    await waitFor(() => expect(result.current.payment.phase).toBe('cancelled'));
    expect(result.current.payment).toMatchObject({
      paymentId: review.identifier,
      txid: null,
      isCancelled: true,
      isPending: false,
      isFailed: false,
      canPay: true,
    });
    expect(result.current.payment.error).toMatchObject({ code: 'payment_cancelled', paymentId: review.identifier });
    expect(network.getPayment(review.identifier)?.status.user_cancelled).toBe(true);
    expect(network.balanceOf(user.walletAddress)).toBe(100);
    expect(callbacks(network, 'onCancel')).toHaveLength(1);
  });

  it('a wallet that always rejects (wallet: "reject") cancels at once', async () => {
    const { result } = await signedIn({ wallet: 'reject' });
    await expect(pay(result)).rejects.toMatchObject({ code: 'payment_cancelled' });
    await waitFor(() => expect(result.current.payment.isCancelled).toBe(true));
  });
});

describe('usePayment: the app server fails (fake timers: Pi re-invokes the callbacks about every 10 s)', () => {
  it('approval failure: error shows while Pi retries, then the payment fails with ApprovalFailedError when it expires', async () => {
    useFakeTimers();
    const { result, network, wallet } = renderHookWithPi(useShop, { wallet: 'manual', autoSignIn: true });
    await settle();
    expect(result.current.auth.status).toBe('authenticated');
    network.faults.inject({ route: 'POST /v2/payments/*/approve', status: 500 });
    const paid = pay(result);
    await settle();
    expect(result.current.payment).toMatchObject({ phase: 'approving', approval: { status: 'failed', attempts: 1 }, isPending: true });
    expect(result.current.payment.error).toBeInstanceOf(ApprovalFailedError);

    await advance(10_000);
    expect(result.current.payment.approval.attempts).toBe(2);
    expect(callbacks(network, 'onReadyForServerApproval').length).toBe(2);
    expect(wallet.pending()).toHaveLength(0);

    await advance(60_000);
    await expect(paid).rejects.toBeInstanceOf(ApprovalFailedError);
    expect(result.current.payment).toMatchObject({ phase: 'failed', isFailed: true, isPending: false, canPay: true, txid: null });
    expect(result.current.payment.error).toBeInstanceOf(ApprovalFailedError);
    expect(network.payments()[0]?.status.cancelled).toBe(true);
  });

  it('retried callbacks: a failed approval and a failed completion each succeed at the next re-invocation', async () => {
    useFakeTimers();
    const { result, network, wallet } = renderHookWithPi(useShop, { wallet: 'manual', autoSignIn: true });
    await settle();
    network.faults.inject({ route: 'POST /v2/payments/*/approve', status: 500, times: 1 });
    network.faults.inject({ route: 'POST /v2/payments/*/complete', status: 503, times: 1 });
    const paid = pay(result);
    await settle();
    expect(result.current.payment).toMatchObject({ phase: 'approving', approval: { status: 'failed', attempts: 1 } });

    await advance(10_000); // Pi calls onReadyForServerApproval again; the retry succeeds
    expect(result.current.payment).toMatchObject({
      phase: 'signing',
      approval: { status: 'succeeded', attempts: 2, error: null },
      error: null,
    });

    const review = wallet.pending()[0]!;
    await act(async () => wallet.approve(review.identifier));
    await settle();
    expect(result.current.payment).toMatchObject({ phase: 'completing', completion: { status: 'failed', attempts: 1 } });
    expect(result.current.payment.error).toBeInstanceOf(CompletionFailedError);
    expect(result.current.payment.txid).toBe(network.getPayment(review.identifier)?.transaction?.txid);

    await advance(10_000); // Pi calls onReadyForServerCompletion again
    await expect(paid).resolves.toMatchObject({ identifier: review.identifier, status: { developer_completed: true } });
    expect(result.current.payment).toMatchObject({ phase: 'completed', completion: { status: 'succeeded', attempts: 2 }, error: null });
    expect(appCalls(network, 'approve', 200)).toBe(1);
    expect(appCalls(network, 'complete', 200)).toBe(1);
  });

  it('completion failure: the user paid, the payment fails with CompletionFailedError, and the next sign-in recovers it', async () => {
    useFakeTimers();
    const { result, network, approveNextPayment } = renderHookWithPi(useShop, {
      wallet: 'manual',
      autoSignIn: true,
      network: { seed: 7, users: [], timings: { completionTimeoutMs: 20_000 } },
    });
    await settle();
    const stop = network.faults.inject({ route: 'POST /v2/payments/*/complete', status: 500 });
    const paid = pay(result);
    await settle();
    const review = await approveNextPayment();
    await settle();
    expect(result.current.payment).toMatchObject({ phase: 'completing', completion: { status: 'failed' } });

    await advance(120_000); // Pi stops re-invoking after completionTimeoutMs; core then gives up
    await expect(paid).rejects.toBeInstanceOf(CompletionFailedError);
    expect(result.current.payment).toMatchObject({ phase: 'failed', isFailed: true, paymentId: review.identifier });
    expect(result.current.payment.error).toMatchObject({ code: 'completion_failed', paymentId: review.identifier });
    expect(network.incompletePaymentOf('alice')?.identifier).toBe(review.identifier);

    stop();
    await act(() => result.current.auth.signIn());
    await settle();
    expect(result.current.auth.incompletePayment).toMatchObject({
      status: 'resolved',
      outcome: 'completed',
      payment: { identifier: review.identifier },
    });
    expect(network.getPayment(review.identifier)?.status.developer_completed).toBe(true);
  });
});

describe('usePayment: an incomplete payment at pay (payments.md, concurrent payments)', () => {
  it('fails the new payment with IncompletePaymentError and recovers the old one through the app server', async () => {
    const { result, network } = await signedIn();
    const old = makeIncompletePayment(network, 'alice');
    const paid = pay(result);
    await expect(paid).rejects.toBeInstanceOf(IncompletePaymentError);
    await expect(paid).rejects.toMatchObject({ code: 'incomplete_payment', payment: { identifier: old.identifier } });
    await waitFor(() => expect(result.current.auth.incompletePayment?.status).toBe('resolved'));
    expect(result.current.payment.phase).toBe('failed');
    expect(result.current.payment.error).toBeInstanceOf(IncompletePaymentError);
    expect(result.current.auth.incompletePayment).toMatchObject({ outcome: 'completed', payment: { identifier: old.identifier } });
    expect(network.getPayment(old.identifier)?.status.developer_completed).toBe(true);
    expect(callbacks(network, 'onIncompletePaymentFound').map((event) => event.paymentId)).toEqual([old.identifier]);
    expect(result.current.payment.canPay).toBe(true);
  });
});
