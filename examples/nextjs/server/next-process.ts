/**
 * Runs the Next.js CLI of this example as a child process (`next build`, `next start`,
 * `next dev`) and waits until the server answers. The child gets its own process
 * group, so stopping it also stops any worker it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));
const NEXT_BIN = fileURLToPath(new URL('../node_modules/next/dist/bin/next', import.meta.url));

/** The environment of every Next child: ours, without telemetry, plus `env`. */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env };
}

/** Keeps the last lines a child printed, for an error message. */
function captureOutput(child: ChildProcess, echo: boolean): () => string {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
    if (echo) process.stdout.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => output;
}

/** `next build` (Turbopack): about a minute on 2 cores. Rejects with the build's output if it fails. */
export async function buildNextApp(options: { echo?: boolean } = {}): Promise<void> {
  const child = spawn(process.execPath, [NEXT_BIN, 'build'], { cwd: EXAMPLE_DIR, env: childEnv({}), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child, options.echo ?? false);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output()}`);
}

/** The newest modification time (ms) of the files under `path`, skipping `node_modules` and `.next`. */
function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '.next') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * Builds unless `.next` holds a build newer than every source it was made from
 * (this example's `src/` and config, and the pi-kit packages it bundles).
 */
export async function ensureNextBuild(options: { echo?: boolean } = {}): Promise<void> {
  const built = statSync(join(EXAMPLE_DIR, '.next', 'BUILD_ID'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = [join(EXAMPLE_DIR, 'src'), join(EXAMPLE_DIR, 'next.config.ts'), join(EXAMPLE_DIR, 'package.json')];
  for (const name of ['core', 'react', 'server-adapters']) sources.push(join(EXAMPLE_DIR, '..', '..', 'packages', name, 'src'));
  if (built > 0 && sources.every((source) => newestMtime(source) < built)) return;
  await buildNextApp(options);
}

/** A free TCP port on 127.0.0.1 (Next takes a port number, not 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface NextServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `next start` (or `next dev` with `dev: true`) on `port` with `env` added to ours,
 * and resolves once `GET /` answers.
 */
export async function startNextServer(options: {
  port: number;
  env: Record<string, string | undefined>;
  dev?: boolean;
  echo?: boolean;
  readyTimeoutMs?: number;
}): Promise<NextServer> {
  const command = options.dev ? 'dev' : 'start';
  const child = spawn(process.execPath, [NEXT_BIN, command, '-H', '127.0.0.1', '-p', String(options.port)], {
    cwd: EXAMPLE_DIR,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stop() ends the workers too
  });
  const output = captureOutput(child, options.echo ?? false);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      return; // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  let stillRunning = true;
  void exited.then(() => (stillRunning = false));
  while (Date.now() < deadline) {
    if (!stillRunning) throw new Error(`next ${command} exited before it was ready:\n${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(60_000) });
      return { url, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await stop();
  throw new Error(`next ${command} did not answer at ${url} within ${options.readyTimeoutMs ?? 120_000} ms:\n${output()}`);
}
