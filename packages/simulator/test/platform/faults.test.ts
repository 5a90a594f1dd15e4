import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimulatedConnectionDrop } from '../../src/engine/errors';
import { testNetwork } from './test-network';

afterEach(() => {
  vi.useRealTimers();
});

describe('fault injection', () => {
  it('fails the next N matching calls with a status and Pi error body, then answers normally', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    network.faults.inject({ route: 'GET /v2/payments/*', status: 503, times: 2 });
    expect(await api('GET', `/v2/payments/${id}`)).toMatchObject({
      status: 503,
      body: { error: 'simulated_fault', error_message: expect.any(String) },
    });
    expect((await api('GET', `/v2/payments/${id}`)).status).toBe(503);
    expect((await api('GET', `/v2/payments/${id}`)).status).toBe(200);
    expect(network.faults.list()).toEqual([]);
  });

  it('answers a custom body, an HTML 5xx page, and matches by RegExp, predicate and api', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    const remove = network.faults.inject({ route: /\/approve$/, status: 400, body: { error: 'custom', error_message: 'x' } });
    expect(await api('POST', `/v2/payments/${id}/approve`)).toMatchObject({ status: 400, body: { error: 'custom' } });
    remove();
    network.faults.inject({ predicate: (info) => info.path.endsWith('/complete'), html: true, times: 1 });
    const html = await api('POST', `/v2/payments/${id}/complete`, { body: { txid: 'x' } });
    expect(html.status).toBe(502);
    expect(html.response.headers.get('content-type')).toBe('text/html');
    expect(html.body).toContain('<h1>502 Bad Gateway</h1>');
    network.faults.inject({ api: 'horizon', status: 500 });
    expect((await api('GET', `/v2/payments/${id}`)).status).toBe(200);
    expect((await network.horizon(new Request('https://api.testnet.minepi.com/fee_stats'))).status).toBe(500);
    network.faults.clear();
    expect((await network.horizon(new Request('https://api.testnet.minepi.com/fee_stats'))).status).toBe(200);
  });

  it('drops the connection: the handler rejects with SimulatedConnectionDrop and nothing changes', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    network.submitTransaction(id);
    const txid = network.getPayment(id)!.transaction!.txid;
    network.faults.inject({ route: 'POST /v2/payments/*/complete', drop: true, times: 1 });
    await expect(api('POST', `/v2/payments/${id}/complete`, { body: { txid } })).rejects.toBeInstanceOf(SimulatedConnectionDrop);
    expect(network.getPayment(id)?.status.developer_completed).toBe(false);
    expect(network.events.at(-1)).toMatchObject({ type: 'api.call', fault: 'drop', status: 0 });
  });

  it('with after: applies the call, then loses the answer (a lost response)', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    const txid = network.submitTransaction(id).transaction!.txid;
    network.faults.inject({ route: 'POST /v2/payments/*/complete', drop: true, after: true, times: 1 });
    await expect(api('POST', `/v2/payments/${id}/complete`, { body: { txid } })).rejects.toBeInstanceOf(SimulatedConnectionDrop);
    expect(network.getPayment(id)?.status.developer_completed).toBe(true);
    expect((await api('POST', `/v2/payments/${id}/complete`, { body: { txid } })).body.error).toBe('already_completed');
  });

  it('delays calls on the clock of the timers (works with fake timers)', async () => {
    vi.useFakeTimers();
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    network.faults.inject({ route: '/v2/payments/*', delayMs: 20_000, times: 1 });
    let settled = false;
    const call = api('GET', `/v2/payments/${id}`).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(19_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await call).status).toBe(200);
    expect(network.events.at(-1)).toMatchObject({ type: 'api.call', fault: 'delay', status: 200 });
  });

  it('fails at a rate, deterministically for a seed', async () => {
    const outcomes = async () => {
      const { network, api } = testNetwork();
      network.faults.inject({ route: '/v2/payments/incomplete_server_payments', status: 500, rate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await api('GET', '/v2/payments/incomplete_server_payments')).status);
      return statuses;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
  });

  it('refuses invalid rules with a TypeError', () => {
    const { network } = testNetwork();
    expect(() => network.faults.inject({ times: 0 })).toThrow(TypeError);
    expect(() => network.faults.inject({ rate: 2 })).toThrow(TypeError);
    expect(() => network.faults.inject({ status: 99 })).toThrow(TypeError);
    expect(() => network.faults.inject({ delayMs: -1 })).toThrow(TypeError);
  });
});
