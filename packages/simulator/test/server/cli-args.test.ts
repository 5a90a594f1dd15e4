import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Keypair } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { parsePiSimArgs } from '../../src/server/cli-args';

const WALLET = Keypair.random();

describe('pi-sim command line', () => {
  it('parses port, users with balances, API key, network, seed and state file', () => {
    expect(
      parsePiSimArgs([
        '--port',
        '4000',
        '--user',
        'alice:100',
        '--user',
        'bob:5',
        '--user',
        'carol',
        '--api-key',
        'k',
        '--mainnet',
        '--seed',
        '9',
        '--ongoing-a2u',
        'user',
        '--state',
        'pi-sim-state.json',
      ]),
    ).toEqual({
      help: false,
      port: 4000,
      host: '127.0.0.1',
      users: [{ username: 'alice', balance: 100 }, { username: 'bob', balance: 5 }, { username: 'carol' }],
      apiKey: 'k',
      walletSecret: undefined,
      network: 'Pi Network',
      seed: 9,
      ongoingA2U: 'user',
      stateFile: 'pi-sim-state.json',
    });
  });

  // Pi's backend SDKs sign A2U payments with the app wallet's secret seed
  // (https://github.com/pi-apps/pi-nodejs: `new PiNetwork(apiKey, walletPrivateSeed)`).
  it('takes the app wallet secret seed (--wallet-secret S…)', () => {
    const secret = Keypair.random().secret();
    expect(parsePiSimArgs(['--wallet-secret', secret]).walletSecret).toBe(secret);
  });

  it("has defaults: port 4000, the engine's default users, Pi Testnet", () => {
    expect(parsePiSimArgs([])).toMatchObject({
      port: 4000,
      users: undefined,
      apiKey: undefined,
      network: 'Pi Testnet',
      seed: undefined,
      ongoingA2U: 'app',
      stateFile: undefined,
    });
  });

  it.each([
    [['--port', 'x']],
    [['--port', '70000']],
    [['--user', 'bob:lots']],
    [['--user', 'bob:-1']],
    [['--seed', '1.5']],
    [['--api-key', ' ']],
    [['--wallet-secret', 'SNOTASEED']],
    [['--wallet-secret', Keypair.random().publicKey()]],
    [['--ongoing-a2u', 'wallet']],
    [['--state', ' ']],
    [['--state']],
    [['--frobnicate']],
    [['extra']],
  ])('refuses %j with invalid_cli_arguments', (argv) => {
    expect(() => parsePiSimArgs(argv)).toThrow(
      expect.objectContaining({ code: 'invalid_cli_arguments', message: expect.stringMatching(/pi-sim --help/) }),
    );
  });

  it('pi-sim starts, prints the URL, API key and users, and serves them', async () => {
    const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--conditions=@pi-kit/source',
        '--import',
        'tsx',
        cli,
        '--port',
        '0',
        '--user',
        'alice:100',
        '--user',
        'bob:5',
        '--api-key',
        'cli-key',
        '--wallet-secret',
        WALLET.secret(),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
      },
    );
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          output += chunk;
          const match = /Users:[\s\S]*bob/.test(output) ? /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output) : null;
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`pi-sim exited with ${code}: ${output}`)));
      });
      expect(output).toContain('API key       cli-key');
      // The app wallet is the one given, and its secret is printed for Pi's backend SDKs (Testnet).
      expect(output).toContain(`App wallet    ${WALLET.publicKey()}`);
      expect(output).toMatch(new RegExp(`Wallet secret ${WALLET.secret()} +\\(simulator secret`));
      expect(output).toMatch(/alice\s+100 π/);
      expect(output).toMatch(/bob\s+5 π/);
      const described = (await (await fetch(`${url}/`)).json()) as { users: Array<{ username: string }> };
      expect(described.users.map((user) => user.username)).toEqual(['alice', 'bob']);
    } finally {
      child.kill('SIGTERM');
    }
  }, 20_000);

  it('the pi-sim bin runs: dist/cli.js when built, the sources in a checkout without dist/', () => {
    const bin = fileURLToPath(new URL('../../bin/pi-sim.js', import.meta.url));
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help).toContain('pi-sim');
    expect(help).toContain('--port');
  }, 20_000);
});
