/**
 * The simulator server's state file (`startSimulatorServer({ stateFile })`, `pi-sim --state FILE`):
 * the network is restored from the file when it exists, else created and the file written; it is
 * saved again shortly after each change and when the server closes. Each save writes a temporary
 * file next to it and renames it over the file, so a crash leaves the old state or the new one,
 * never half of one. Node only.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PiNetworkStateError } from '../engine/errors';
import { readSnapshot, restoreConflicts } from '../engine/snapshot';
import type { PiNetwork, PiNetworkOptions, PiNetworkSnapshot } from '../engine/types';
import { createPiNetwork, restorePiNetwork } from '../network/create-pi-network';

/** How long after a change the state is saved (changes in between are saved together), in ms. */
export const STATE_SAVE_DELAY_MS = 200;

const START_FRESH = 'use another state file, or delete it to start a fresh network';

/**
 * The parsed content of a state file, or `undefined` when there is no file.
 * @throws PiNetworkStateError `invalid_state` (naming the file) when it cannot be read or is not JSON.
 */
export async function readStateFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PiNetworkStateError('invalid_state', `Cannot read the state file ${file}: check its permissions, or ${START_FRESH}.`, {
      file,
      cause,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new PiNetworkStateError('invalid_state', `The state file ${file} is not JSON: ${START_FRESH}.`, { file, cause });
  }
}

/**
 * The network of a state file: restored from `saved` (the file's content, from {@link readStateFile})
 * or, with `saved` undefined, created from `options`. On a restore, `options` must fit the file
 * (`seed`, `network`, `app.apiKey`, `app.walletSecret`, `baseFee`); the users it names that the file
 * does not have are added, the others are the file's (balances included: initial balances, the
 * users' and `app.balance`, apply only when the file is created).
 * @throws PiNetworkStateError naming the file: `invalid_state` for a content that is not a state this
 * version restores, `state_mismatch` for options that do not fit it.
 */
export function networkOfStateFile(file: string, saved: unknown, options: PiNetworkOptions): PiNetwork {
  if (saved === undefined) return createPiNetwork(options);
  let snapshot: PiNetworkSnapshot;
  try {
    snapshot = readSnapshot(saved);
  } catch (error) {
    throw inFile(file, error);
  }
  const { users, app, ...rest } = options;
  const restoreOptions = { ...rest, app: { apiKey: app?.apiKey, walletSecret: app?.walletSecret } };
  const conflicts = restoreConflicts(snapshot, restoreOptions);
  const mismatch = (what: string) =>
    new PiNetworkStateError(
      'state_mismatch',
      `The state file ${file} was written for other options: ${what}. Start with the options it was written with, ${START_FRESH}.`,
      { file },
    );
  if (conflicts.length > 0) throw mismatch(conflicts.join(', '));
  let network: PiNetwork;
  try {
    network = restorePiNetwork(snapshot, restoreOptions);
  } catch (error) {
    throw inFile(file, error);
  }
  for (const init of users ?? []) {
    const known = network.users().find((user) => user.username === init.username);
    if (!known) network.addUser(init);
    else if (init.uid !== undefined && init.uid !== known.uid)
      throw mismatch(`user ${init.username} has the uid ${known.uid}, not ${init.uid}`);
  }
  return network;
}

function inFile(file: string, error: unknown): unknown {
  if (!(error instanceof PiNetworkStateError)) return error;
  return new PiNetworkStateError(
    error.code,
    `The state file ${file} cannot be restored: ${error.shortMessage} ${capitalised(START_FRESH)}.`,
    {
      file,
      cause: error,
      details: error.details ?? '',
    },
  );
}

const capitalised = (text: string) => text[0]!.toUpperCase() + text.slice(1);

/** The network as the text of a state file (a bigint a custom event carries is written as a decimal string). */
function stateText(network: PiNetwork): string {
  const snapshot = network.snapshot();
  try {
    return `${JSON.stringify(snapshot)}\n`;
  } catch {
    return `${JSON.stringify(snapshot, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}\n`;
  }
}

/** Writes `text` to `file` atomically: a temporary file in the same folder, flushed to disk, renamed over `file`. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Keeps a state file up to date with its network: saved {@link STATE_SAVE_DELAY_MS} after a change
 * (every change logs an event), one save at a time. A save that fails is reported with `onError`
 * and tried again at the next change.
 */
export class StateFileWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    readonly file: string,
    private readonly network: PiNetwork,
    private readonly onError: (error: unknown) => void,
  ) {
    this.unsubscribe = network.on(() => this.schedule());
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save().catch(this.onError);
    }, STATE_SAVE_DELAY_MS);
    this.timer.unref?.();
  }

  /** Saves the network now (after a save in progress), creating the file's folder if needed. Rejects with the write's error. */
  save(): Promise<void> {
    const run = this.queue.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await writeAtomically(this.file, stateText(this.network));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops following the network, without saving. */
  stop(): void {
    this.unsubscribe();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops following the network and saves it one last time. Rejects with that save's error. */
  async close(): Promise<void> {
    this.stop();
    await this.save();
  }
}
