/**
 * `pi-sim` as a user runs it: the package's bin in a child process, on a free port. Resolves what
 * it prints: the URL, API key, app wallet secret and the users with their uid and wallet, and all
 * of its start-up lines.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface PiSimProcess {
  url: string;
  apiKey: string;
  walletSecret: string;
  users: Record<string, { uid: string; wallet: string }>;
  /** What it printed until it was ready. */
  output: string;
  /** Stops it as Ctrl+C in a terminal would (SIGTERM); resolves its exit code once it has exited. */
  stop(): Promise<number | null>;
}

const BIN = fileURLToPath(new URL('../../packages/simulator/bin/pi-sim.js', import.meta.url));

export function startPiSimProcess(args: string[]): Promise<PiSimProcess> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`pi-sim did not start: ${output}${errors}`)), 30_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      errors += chunk;
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const apiKey = /API key\s+(\S+)/.exec(output)?.[1];
      const walletSecret = /Wallet secret\s+(S[A-Z2-7]{55})/.exec(output)?.[1];
      if (!url || !apiKey || !walletSecret || !/Users:\n(?:.*\n)*.*wallet G/.test(output)) return;
      const users = Object.fromEntries(
        [...output.matchAll(/^\s+(\S+)\s+[\d.]+ π\s+uid (\S+)\s+wallet (G[A-Z2-7]{55})$/gm)].map((m) => [
          m[1]!,
          { uid: m[2]!, wallet: m[3]! },
        ]),
      );
      clearTimeout(timer);
      const exited = new Promise<number | null>((done) => {
        if (child.exitCode !== null) done(child.exitCode);
        else child.once('exit', (code) => done(code));
      });
      resolve({
        url,
        apiKey,
        walletSecret,
        users,
        output,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`pi-sim exited with ${code}: ${output}${errors}`));
    });
  });
}
