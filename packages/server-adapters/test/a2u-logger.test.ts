/**
 * The A2U client's log: one line per step with the payment id, txid and duration; an error line
 * with the fix when Pi refuses the API key, the payment is of the other network, or Pi is
 * unreachable; never the API key or the wallet seed.
 */
import { describe, expect, it } from 'vitest';
import { createA2UClient } from '../src/a2u/client';
import type { PaymentLogger } from '../src/handlers/logger';
import { captureLog } from './support/log-capture';
import { useSimulatedNetwork } from './support/sim';

const sim = useSimulatedNetwork();

const client = (logger: PaymentLogger | false, options: { apiKey?: string; network?: 'Pi Network' } = {}) =>
  createA2UClient({
    apiKey: options.apiKey ?? sim.network.app.apiKey,
    walletSeed: sim.network.app.walletSecret,
    platform: { retryDelayMs: 1, retries: 0 },
    retryDelayMs: 1,
    logger,
    ...(options.network ? { network: options.network } : {}),
  });
const refund = () => ({ amount: 1.5, memo: 'Refund', metadata: { refund: 'o-1' }, uid: sim.network.user('bob').uid });

describe('the A2U client logs', () => {
  it('one info line per step of a payment: create, submit, complete, with ids and duration', async () => {
    const { logger, lines } = captureLog();
    const payment = await client(logger).pay(refund());
    const txid = payment.transaction!.txid;
    const id = payment.identifier;
    expect(lines).toEqual([
      { level: 'info', message: 'a2u create: ok', fields: { step: 'create', paymentId: id, durationMs: expect.any(Number) } },
      { level: 'info', message: `a2u submit ${id}: ok`, fields: { step: 'submit', paymentId: id, txid, durationMs: expect.any(Number) } },
      {
        level: 'info',
        message: `a2u complete ${id}: ok`,
        fields: { step: 'complete', paymentId: id, txid, durationMs: expect.any(Number) },
      },
    ]);
  });

  it('a refused step is a warning with its code', async () => {
    const { logger, lines } = captureLog();
    const a2u = client(logger);
    const payment = await a2u.pay(refund());
    await a2u.submitPayment(payment.identifier).catch(() => {});
    expect(lines.at(-1)).toEqual({
      level: 'warn',
      message: `a2u submit ${payment.identifier}: payment_already_completed`,
      fields: expect.objectContaining({ step: 'submit', paymentId: payment.identifier, code: 'payment_already_completed' }),
    });
  });

  it.each([
    ['Pi refuses the API key', { apiKey: 'not-the-key' }, () => {}, 'create', /`apiKey`/, { piStatus: 401 }],
    [
      'Pi is unreachable',
      {},
      () => sim.network.faults.inject({ api: 'platform', drop: true }),
      'create',
      /outbound HTTPS/,
      { piStatus: null },
    ],
  ])('%s: one error line with the fix', async (_case, options, setUp, step, fix, pi) => {
    const { logger, lines } = captureLog();
    setUp();
    await client(logger, options)
      .createPayment(refund())
      .catch(() => {});
    expect(lines).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(fix),
        fields: expect.objectContaining({ step, fix: expect.stringMatching(fix), ...pi }),
      },
    ]);
  });

  it('the payment is of the other network: one error line with the fix', async () => {
    const payment = await client(false).createPayment(refund());
    const { logger, lines } = captureLog();
    await client(logger, { network: 'Pi Network' })
      .submitPayment(payment.identifier)
      .catch(() => {});
    expect(lines).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(/`network`/),
        fields: expect.objectContaining({ step: 'submit', code: 'wrong_network', paymentId: payment.identifier }),
      },
    ]);
  });

  it('never writes the API key or the wallet seed', async () => {
    const { logger, lines } = captureLog();
    const a2u = client(logger);
    const payment = await a2u.pay(refund());
    await a2u.submitPayment(payment.identifier).catch(() => {});
    await a2u.recoverIncompletePayments();
    await client(logger, { apiKey: `${sim.network.app.apiKey}-wrong` })
      .createPayment(refund())
      .catch(() => {});
    expect(lines.length).toBeGreaterThanOrEqual(6);
    const written = JSON.stringify(lines);
    for (const secret of [sim.network.app.apiKey, sim.network.app.walletSecret]) expect(written).not.toContain(secret);
  });
});
