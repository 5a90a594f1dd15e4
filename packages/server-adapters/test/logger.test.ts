/**
 * The routes' log: one structured line per call, an error with the fix for each
 * misconfiguration (Pi refused the API key, the other network, Pi unreachable), and no secret in
 * any line.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp } from './support/app';
import { captureLog as capture } from './support/log-capture';
import { post, useSimulatedNetwork, userPays } from './support/sim';

const sim = useSimulatedNetwork();

describe('the payment routes log', () => {
  it('one info line per call of a paid payment: route, paymentId, status, the states it went through, duration', async () => {
    const { logger, lines } = capture();
    const app = createTestApp(sim.network, { logger });
    const { payment, accessToken } = userPays(sim.network);
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    const txid = sim.network.submitTransaction(payment.identifier).transaction!.txid;
    await post(app.handlers, 'complete', { paymentId: payment.identifier, txid, accessToken });
    expect(lines).toEqual([
      {
        level: 'info',
        message: `approve ${payment.identifier}: 200`,
        fields: {
          route: 'approve',
          paymentId: payment.identifier,
          status: 200,
          code: undefined,
          transition: 'approving → approved',
          piStatus: undefined,
          piCode: undefined,
          durationMs: expect.any(Number),
        },
      },
      {
        level: 'info',
        message: `complete ${payment.identifier}: 200`,
        fields: {
          route: 'complete',
          paymentId: payment.identifier,
          status: 200,
          code: undefined,
          transition: 'completing → delivered',
          piStatus: undefined,
          piCode: undefined,
          durationMs: expect.any(Number),
        },
      },
    ]);
  });

  it('a refusal is a warning with its code', async () => {
    const { logger, lines } = capture();
    const app = createTestApp(sim.network, { logger });
    const { payment, accessToken } = userPays(sim.network, 'alice', { amount: 1, memo: 'x', metadata: { orderId: 'o-1' } });
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ status: 409, code: 'amount_mismatch' }) }),
    ]);
  });

  it.each([
    [
      'Pi refuses the API key',
      { apiKey: 'not-the-key' },
      () => {},
      'pi_unauthorized',
      /`apiKey`/,
      { piStatus: 401, piCode: 'unauthorized' },
    ],
    ['the payment is of the other network', { network: 'Pi Network' as const }, () => {}, 'wrong_network', /`network`/, {}],
    [
      'Pi is unreachable',
      {},
      () => sim.network.faults.inject({ api: 'platform', drop: true }),
      'pi_unavailable',
      /outbound HTTPS/,
      { piStatus: null, piCode: 'network_error' },
    ],
  ])('%s: one error line with the fix (and what Pi answered)', async (_case, options, setUp, code, fix, pi) => {
    const { logger, lines } = capture();
    const app = createTestApp(sim.network, { logger, ...options });
    const { payment, accessToken } = userPays(sim.network);
    setUp();
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(fix),
        fields: expect.objectContaining({ code, fix: expect.stringMatching(fix), ...pi }),
      }),
    ]);
  });

  it('never writes a token, the API key or a wallet seed', async () => {
    const { logger, lines } = capture();
    const app = createTestApp(sim.network, { logger });
    const { payment, accessToken } = userPays(sim.network);
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken: 'x'.repeat(40) });
    await post(app.handlers, 'complete', { paymentId: payment.identifier, txid: 'f'.repeat(64), accessToken });
    const bad = createTestApp(sim.network, { logger, apiKey: `${sim.network.app.apiKey}-wrong` });
    await post(bad.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const written = JSON.stringify(lines);
    const secrets = [sim.network.app.apiKey, accessToken, sim.network.app.walletSecret, ...sim.network.users().map((u) => u.walletSecret)];
    for (const secret of secrets) expect(written).not.toContain(secret);
  });
});
