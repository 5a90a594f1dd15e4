/**
 * The state file of the simulator server (`startSimulatorServer({ stateFile })`, `pi-sim --state`):
 * created at the first start, saved after changes and at close, restored at the next start with
 * what was paid; refused clearly when it is damaged or was written for other options.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PiNetworkError, PiNetworkStateError, type PiNetwork } from '../../src/index';
import { startSimulatorServer, type SimulatorServer } from '../../src/server';
import { STATE_SAVE_DELAY_MS } from '../../src/server/state-file';
import { startPiSimProcess } from '../../../../tests/conformance/pi-sim-process';

let dir: string;
let file: string;
const running: SimulatorServer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pi-sim-state-'));
  file = join(dir, 'network.json');
});
afterEach(async () => {
  for (const sim of running.splice(0)) await sim.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const networkOptions = { seed: 9, users: [{ username: 'alice', balance: 20 }], app: { apiKey: 'state-key' } };

async function start(options: Parameters<typeof startSimulatorServer>[0] = {}): Promise<SimulatorServer> {
  const sim = await startSimulatorServer({ stateFile: file, networkOptions, ...options });
  running.push(sim);
  return sim;
}

async function stop(sim: SimulatorServer): Promise<void> {
  running.splice(running.indexOf(sim), 1);
  await sim.close();
}

const saved = async () => JSON.parse(await readFile(file, 'utf8'));

/** A paid U2A payment (engine calls: the HTTP paths are the network's own). */
function pay(network: PiNetwork, user = 'alice', amount = 2): string {
  const p = network.createPayment(user, { amount, memo: 'kept', metadata: { order: 1 } });
  network.approvePayment(p.identifier);
  network.completePayment(p.identifier, network.submitTransaction(p.identifier).transaction!.txid);
  return p.identifier;
}

const platform = (sim: SimulatorServer, path: string, init: RequestInit = {}) =>
  fetch(`${sim.url}${path}`, { ...init, headers: { authorization: `Key ${sim.network.app.apiKey}`, 'content-type': 'application/json' } });

describe('startSimulatorServer({ stateFile })', () => {
  it('creates the file at the first start, saves changes shortly after they happen, and at close', async () => {
    const sim = await start();
    expect(sim.state).toEqual({ file, restored: false });
    expect((await saved()).payments).toEqual([]);
    const id = pay(sim.network);
    await new Promise((resolve) => setTimeout(resolve, STATE_SAVE_DELAY_MS + 300));
    expect((await saved()).payments.map((p: { identifier: string }) => p.identifier)).toEqual([id]);
    sim.network.setBalance('alice', 7); // logs no event: saved by close()
    await stop(sim);
    const alice = (await saved()).ledger.accounts.find((a: { address: string }) => a.address === sim.network.user('alice').walletAddress);
    expect(alice.balance).toBe('70000000');
    // Written atomically: no temporary file is left next to it.
    expect(await readdir(dir)).toEqual(['network.json']);
  });

  it('restores the network at the next start: payments, balances, the API key, new users added, links to the new URL', async () => {
    const first = await start();
    const id = pay(first.network);
    const balance = first.network.balanceOf(first.network.user('alice').walletAddress);
    await stop(first);

    const second = await start({
      networkOptions: {
        ...networkOptions,
        users: [
          { username: 'alice', balance: 20 },
          { username: 'bob', balance: 3 },
        ],
      },
    });
    expect(second.state).toEqual({ file, restored: true });
    const answer = await platform(second, `/v2/payments/${id}`);
    expect(answer.status).toBe(200);
    const payment = (await answer.json()) as { status: { developer_completed: boolean }; transaction: { _link: string } };
    expect(payment.status.developer_completed).toBe(true);
    expect(payment.transaction._link.startsWith(`${second.url}/horizon/transactions/`)).toBe(true);
    expect(second.network.balanceOf(second.network.user('alice').walletAddress)).toBe(balance); // not the initial 20
    expect(second.network.users().map((u) => u.username)).toEqual(['alice', 'bob']);
    // The user added at this start is in the file at once.
    expect((await saved()).users.map((u: { username: string }) => u.username)).toEqual(['alice', 'bob']);
    expect(pay(second.network, 'bob', 1)).not.toBe(id);
  });

  it('refuses a file written for other options (state_mismatch) and leaves it as it was', async () => {
    await stop(await start());
    const before = await readFile(file, 'utf8');
    const cases: Array<[Parameters<typeof startSimulatorServer>[0], RegExp]> = [
      [{ networkOptions: { ...networkOptions, network: 'Pi Network' } }, /network "Pi Network" \(saved: "Pi Testnet"\)/],
      [{ networkOptions: { ...networkOptions, app: { apiKey: 'another-key' } } }, /app\.apiKey \(another key than the saved one\)/],
      [{ networkOptions: { ...networkOptions, seed: 10 } }, /seed 10 \(saved: 9\)/],
      [
        { networkOptions: { ...networkOptions, users: [{ username: 'alice', uid: 'another-uid' }] } },
        /user alice has the uid .+, not another-uid/,
      ],
    ];
    for (const [options, message] of cases) {
      const error = await start(options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PiNetworkStateError);
      expect(error).toMatchObject({ code: 'state_mismatch', file });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(`The state file ${file} was written for other options`);
      expect((error as Error).message).not.toContain('another-key');
    }
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses a file that is not JSON, not a state, or of another version (invalid_state, naming the file)', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{ not json', /The state file .+ is not JSON: use another state file, or delete it to start a fresh network/],
      ['{"hello":1}', /cannot be restored: This is not a simulated Pi network's state/],
      [
        '{"format":"pi-kit-simulator-state","version":7}',
        /cannot be restored: This state is version 7, written by a newer @pi-kit\/simulator/,
      ],
    ];
    for (const [text, message] of cases) {
      await writeFile(file, text);
      const error = await start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PiNetworkStateError);
      expect(error).toMatchObject({ code: 'invalid_state', file });
      expect((error as Error).message).toMatch(message);
      expect(await readFile(file, 'utf8')).toBe(text);
    }
  });

  it('refuses stateFile with a network of the caller (invalid_arguments)', async () => {
    const { createPiNetwork } = await import('../../src/index');
    await expect(startSimulatorServer({ stateFile: file, network: createPiNetwork() })).rejects.toThrow(PiNetworkError);
  });
});

describe('pi-sim --state FILE', () => {
  const rpc = async (url: string, method: string, ...args: unknown[]) => {
    const response = await fetch(`${url}/__sim/rpc/${method}`, { method: 'POST', body: JSON.stringify({ args }) });
    expect(response.status, method).toBe(200);
    return ((await response.json()) as { result: any }).result;
  };
  const piApi = async (url: string, key: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/v2${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Key ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  /** alice pays through the browser SDK's bridge, the app approves and completes through the Platform API. */
  const pays = async (url: string, key: string) => {
    const payment = await rpc(url, 'createPayment', 'alice', { amount: 1.5, memo: 'kept', metadata: { n: 1 } });
    expect((await piApi(url, key, `/payments/${payment.identifier}/approve`, {})).status).toBe(200);
    const { transaction } = await rpc(url, 'submitTransaction', payment.identifier);
    expect((await piApi(url, key, `/payments/${payment.identifier}/complete`, { txid: transaction.txid })).status).toBe(200);
    return payment.identifier as string;
  };

  it('keeps what was paid across a stop (SIGTERM) and a start, and prints where the state is', async () => {
    const args = ['--user', 'alice:10', '--state', file];
    const first = await startPiSimProcess(args);
    expect(first.output).toMatch(new RegExp(`State +${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\(new;`));
    const id = await pays(first.url, first.apiKey);
    const a2u = await piApi(first.url, first.apiKey, '/payments', {
      payment: { amount: 1, memo: 'refund', metadata: {}, uid: first.users.alice!.uid },
    });
    expect(a2u.status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await startPiSimProcess(args);
    try {
      expect(second.output).toMatch(/State +.+ +\(restored: 2 payments;/);
      expect(second.apiKey).toBe(first.apiKey);
      expect(second.users).toEqual(first.users);
      const paid = await piApi(second.url, second.apiKey, `/payments/${id}`);
      expect(paid.body).toMatchObject({ identifier: id, amount: 1.5, status: { developer_completed: true } });
      expect(
        (await piApi(second.url, second.apiKey, '/payments/incomplete_server_payments')).body.incomplete_server_payments,
      ).toMatchObject([{ identifier: a2u.body.identifier }]);
      // alice's wallet goes on from its balance and sequence number: she pays again.
      expect(await rpc(second.url, 'balanceOf', 'alice')).toBeCloseTo(10 - 1.5 - 0.01, 7);
      expect(await pays(second.url, second.apiKey)).not.toBe(id);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    // A start with other options is refused, with the reason.
    await expect(startPiSimProcess([...args, '--mainnet'])).rejects.toThrow(
      /exited with 1[\s\S]*was written for other options: network "Pi Network"/,
    );
  }, 60_000);
});
