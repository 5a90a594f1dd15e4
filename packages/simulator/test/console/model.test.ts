/** What the console page derives from the network's log: states, timelines, event texts, search. */
import { describe, expect, it } from 'vitest';
import { describeEvent, formatMs, paymentIdOf, phaseOf, searchEvents, sourceOf, timelineOf } from '../../console/src/model';
import { consoleState } from '../../src/console/console-api';
import { Scenarios } from '../../src/console/scenarios';
import { createNetworkBackend } from '../../src/sdk/network-backend';
import { createPiNetwork } from '../../src/network/create-pi-network';

function network() {
  let t = Date.UTC(2026, 0, 1);
  return createPiNetwork({ seed: 5, now: () => (t += 10) });
}

describe('phaseOf', () => {
  it('names each state of a payment from its flags', () => {
    const net = network();
    const state = () => consoleState(net, new Scenarios(net)).payments;
    const a = net.createPayment('alice', { amount: 1, memo: 'a', metadata: {} });
    expect(phaseOf(state()[0]!)).toBe('awaiting_approval');
    net.approvePayment(a.identifier);
    expect(phaseOf(state()[0]!)).toBe('approved');
    const { transaction } = net.submitTransaction(a.identifier);
    expect(phaseOf(state()[0]!)).toBe('awaiting_completion');
    net.completePayment(a.identifier, transaction?.txid ?? '');
    expect(phaseOf(state()[0]!)).toBe('completed');
    const b = net.createPayment('alice', { amount: 1, memo: 'b', metadata: {} });
    net.cancelByUser(b.identifier);
    expect(phaseOf(state()[1]!)).toBe('user_cancelled');
    const c = net.createPayment('bob', { amount: 1, memo: 'c', metadata: {} });
    net.cancelPayment(c.identifier);
    expect(phaseOf(state()[2]!)).toBe('cancelled');
    expect(state()[2]?.cancel_reason).toBe('developer');
  });
});

describe('a payment timeline', () => {
  it('gathers every event that touched the payment, in order, and no other', async () => {
    const net = network();
    const backend = createNetworkBackend(net);
    const other = net.createPayment('bob', { amount: 1, memo: 'other', metadata: {} });
    const payment = await backend.createPayment('alice', { amount: 2, memo: 'mine', metadata: {} });
    backend.log({
      kind: 'callback',
      name: 'onReadyForServerApproval',
      user: 'alice',
      paymentId: payment.identifier,
      details: [payment.identifier],
    });
    await net.platformApi(
      new Request(`http://pi/v2/payments/${payment.identifier}/approve`, {
        method: 'POST',
        headers: { Authorization: `Key ${net.app.apiKey}` },
      }),
    );
    const signed = await backend.submitTransaction(payment.identifier);
    // onIncompletePaymentFound carries the payment as its argument, not as a paymentId field.
    backend.log({ kind: 'callback', name: 'onIncompletePaymentFound', user: 'alice', details: [signed] });
    new Scenarios(net).advanceClock(1000);
    const timeline = timelineOf(net.events, payment.identifier);
    expect(timeline.map((e) => e.type)).toEqual([
      'payment.created',
      'sdk.callback',
      'payment.approved',
      'api.call',
      'ledger.transaction',
      'payment.transaction',
      'sdk.callback',
    ]);
    expect(timeline.map(sourceOf)).toEqual(['pi', 'sdk', 'pi', 'platform api', 'ledger', 'pi', 'sdk']);
    expect(timelineOf(net.events, other.identifier).map((e) => e.type)).toEqual(['payment.created']);
    const text = timeline.map((e) => describeEvent(e, payment.identifier));
    expect(text[1]).toBe(`SDK called onReadyForServerApproval(${payment.identifier.slice(0, 12)}…)`);
    expect(text[3]).toMatch(new RegExp(`^POST /v2/payments/${payment.identifier.slice(0, 8)}…/approve → 200 · [\\d.]+ ms$`));
    expect(text[6]).toBe(`SDK called onIncompletePaymentFound(payment ${payment.identifier.slice(0, 12)}…)`);
  });
});

describe('describeEvent', () => {
  it('says what an injected failure, a lost answer and a clock jump were', () => {
    const seqAt = { seq: 1, at: 0 };
    expect(
      describeEvent({
        ...seqAt,
        type: 'api.call',
        api: 'platform',
        method: 'POST',
        path: '/v2/payments/x/complete',
        status: 500,
        error: 'internal_error',
        fault: 'status',
        durationMs: 1.5,
      }),
    ).toBe('POST /v2/payments/x/complete → 500 internal_error (injected failure) · 1.5 ms');
    expect(
      describeEvent({ ...seqAt, type: 'api.call', api: 'horizon', method: 'POST', path: '/transactions', status: 0, fault: 'drop' }),
    ).toBe('POST /transactions → no answer (injected drop)');
    expect(describeEvent({ ...seqAt, type: 'clock.advanced', ms: 600_000, offsetMs: 3_600_000 })).toBe('Clock advanced 10 min (total 1 h)');
    expect(describeEvent({ ...seqAt, type: 'payment.cancelled', reason: 'expired' } as never)).toBe('Pi cancelled the payment (expired)');
    expect(describeEvent({ ...seqAt, type: 'scenario.applied', scenario: 'leave_incomplete', details: { times: 1 } })).toBe(
      'Scenario leave incomplete {"times":1}',
    );
  });

  it('names the payment of each kind of event', () => {
    const seqAt = { seq: 1, at: 0 };
    expect(
      paymentIdOf({
        ...seqAt,
        type: 'ledger.transaction',
        hash: 'h',
        ledger: 2,
        source: 'G',
        memo: 'p1',
        successful: true,
        resultCode: 'tx_success',
      }),
    ).toBe('p1');
    expect(paymentIdOf({ ...seqAt, type: 'scenario.applied', scenario: 'expire', details: { paymentId: 'p2' } })).toBe('p2');
    expect(paymentIdOf({ ...seqAt, type: 'sdk.simulated_crash', paymentId: 'p3' })).toBe('p3');
    expect(paymentIdOf({ ...seqAt, type: 'clock.advanced', ms: 1, offsetMs: 1 })).toBeUndefined();
  });
});

describe('searchEvents', () => {
  it('matches type, text and payment id, case-insensitively; all for an empty query', () => {
    const net = network();
    const p = net.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    net.cancelPayment(p.identifier);
    expect(searchEvents(net.events, '')).toHaveLength(net.events.length);
    expect(searchEvents(net.events, 'USER.ADDED').map((e) => e.type)).toEqual(['user.added', 'user.added']);
    expect(searchEvents(net.events, 'cancelled the payment (developer)')).toHaveLength(1);
    expect(searchEvents(net.events, p.identifier.toLowerCase()).map((e) => e.type)).toEqual(['payment.created', 'payment.cancelled']);
  });
});

describe('formatMs', () => {
  it.each([
    [0.25, '0.3 ms'],
    [850, '850 ms'],
    [12_500, '12.5 s'],
    [180_000, '3 min'],
    [7_200_000, '2 h'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});
