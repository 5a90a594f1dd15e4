/**
 * The options of the `pi-sim` command line, parsed with `node:util` `parseArgs`.
 */
import { parseArgs } from 'node:util';
import { StrKey } from '@stellar/stellar-sdk';
import { PiKitError, type AppNetwork } from '@pi-kit/core';
import type { SimUserInit } from '../engine/types';

/** What `pi-sim` was asked to do. */
export interface PiSimOptions {
  help: boolean;
  port: number;
  host: string;
  users: SimUserInit[] | undefined;
  apiKey: string | undefined;
  /** The app wallet's secret seed (`S…`), for Pi's backend SDKs that sign A2U payments themselves. */
  walletSecret: string | undefined;
  network: AppNetwork;
  seed: number | undefined;
  /** Which open A2U payment blocks a new one: the app's (Pi's documented rule) or the user's. */
  ongoingA2U: 'app' | 'user';
  /** The file that keeps the network across restarts (`--state`), if any. */
  stateFile: string | undefined;
}

/** The `--help` text. */
export const PI_SIM_USAGE = `pi-sim: a local Pi Network (Platform API, Horizon, browser window.Pi with a wallet dialog)

Usage: pi-sim [--port 4000] [--host 127.0.0.1] [--user alice:100 ...] [--api-key KEY] [--wallet-secret S…] [--mainnet] [--seed N] [--ongoing-a2u app|user] [--state FILE]

  --port N          port to listen on (default 4000; 0 picks a free one)
  --host H          interface to listen on (default 127.0.0.1)
  --user NAME[:π]   a user and their balance in π (default 100); repeat for more (default: alice and bob)
  --api-key KEY     the app's server API key (default: generated from the seed)
  --wallet-secret S the app wallet's secret seed (S…, 56 characters; default: generated from the seed)
  --mainnet         run as "Pi Network" instead of "Pi Testnet"
  --seed N          seed of every generated id and key (same seed, same ids)
  --ongoing-a2u R   one ongoing A2U payment per "app" (default, as Pi's backend SDKs document) or per "user"
  --state FILE      keep the network in FILE across restarts: restored from it when it exists (the
                    options above must fit it; users it lacks are added), else created and written;
                    saved after each change and on Ctrl+C / SIGTERM. Delete FILE to start fresh.
  -h, --help        show this text`;

/** A bad command line: `code` `invalid_cli_arguments`, the message says what to fix. */
export class PiSimUsageError extends PiKitError<'invalid_cli_arguments'> {
  override name = 'PiSimUsageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid_cli_arguments', `${message} Run pi-sim --help.`, options);
  }
}

/** Parses `argv` (without node and the script). Throws {@link PiSimUsageError}. */
export function parsePiSimArgs(argv: string[]): PiSimOptions {
  const parse = () =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '4000' },
        host: { type: 'string', default: '127.0.0.1' },
        user: { type: 'string', multiple: true },
        'api-key': { type: 'string' },
        'wallet-secret': { type: 'string' },
        mainnet: { type: 'boolean', default: false },
        seed: { type: 'string' },
        'ongoing-a2u': { type: 'string', default: 'app' },
        state: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse());
  } catch (cause) {
    throw new PiSimUsageError(cause instanceof Error ? cause.message : 'Invalid arguments.', { cause });
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new PiSimUsageError(`--port must be 0–65535 (got "${values.port}").`);
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new PiSimUsageError(`--seed must be an integer (got "${values.seed}").`);
  }
  const apiKey = values['api-key'];
  if (apiKey !== undefined && apiKey.trim() === '') throw new PiSimUsageError('--api-key must not be empty.');
  const walletSecret = values['wallet-secret'];
  if (walletSecret !== undefined && !StrKey.isValidEd25519SecretSeed(walletSecret))
    throw new PiSimUsageError('--wallet-secret must be a Stellar secret seed (S…, 56 characters).');
  const ongoingA2U = values['ongoing-a2u'];
  if (ongoingA2U !== 'app' && ongoingA2U !== 'user')
    throw new PiSimUsageError(`--ongoing-a2u must be "app" or "user" (got "${ongoingA2U}").`);
  const stateFile = values.state;
  if (stateFile !== undefined && stateFile.trim() === '') throw new PiSimUsageError('--state must name a file.');
  return {
    help: values.help === true,
    port,
    host: values.host ?? '127.0.0.1',
    users: values.user?.map(parseUser),
    apiKey,
    walletSecret,
    network: values.mainnet ? 'Pi Network' : 'Pi Testnet',
    seed,
    ongoingA2U,
    stateFile,
  };
}

function parseUser(spec: string): SimUserInit {
  const match = /^([^:\s]+)(?::(.+))?$/.exec(spec);
  if (!match) throw new PiSimUsageError(`--user must be NAME or NAME:BALANCE (got "${spec}").`);
  const [, username, balanceText] = match as unknown as [string, string, string | undefined];
  if (balanceText === undefined) return { username };
  const balance = Number(balanceText);
  if (!Number.isFinite(balance) || balance < 0)
    throw new PiSimUsageError(`The balance of --user ${username} must be a number of π ≥ 0 (got "${balanceText}").`);
  return { username, balance };
}
