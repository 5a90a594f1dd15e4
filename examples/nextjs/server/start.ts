/**
 * Starts the Next.js example: by default against the simulated Pi network (the
 * simulator server in this process, then Next in a child process pointed at it);
 * with `PI_API_KEY` and `PI_SANDBOX` set (and no simulator), against Pi's real
 * servers, with no simulator at all. Used by `pnpm demo` and by the browser tests.
 */
import { createPiNetwork, type PiNetwork } from '@pi-kit/simulator';
import { startSimulatorServer } from '@pi-kit/simulator/server';
import { readPiConfig } from '../src/lib/pi-config';
import { freePort, type NextServer, startNextServer } from './next-process';

export interface StartNextDemoOptions {
  /** Port of the Next server; default any free port. */
  port?: number;
  /** Port of the simulated Pi network (0: any free port). */
  simulatorPort?: number;
  /** Users of the simulated network, with their balances in π. */
  users?: Array<{ username: string; balance: number }>;
  /** `next dev` (hot reload) instead of `next start` (needs a `next build` first). */
  dev?: boolean;
  /** The environment that decides the mode (default `process.env`): `PI_API_KEY` + `PI_SANDBOX` → real Pi. */
  env?: Record<string, string | undefined>;
  /** Print Next's output. */
  echo?: boolean;
}

export interface RunningNextDemo {
  url: string;
  mode: 'simulator' | 'real';
  /** The simulator's URL and network; `null` against real Pi. */
  simulatorUrl: string | null;
  network: PiNetwork | null;
  close(): Promise<void>;
}

export const DEFAULT_USERS = [{ username: 'pioneer', balance: 100 }];

/** The variables that choose real Pi; everything else about Pi is given by the launcher. */
const REAL_PI_VARIABLES = ['PI_API_KEY', 'PI_SANDBOX', 'PI_NETWORK'] as const;

/**
 * @throws {PiConfigError} (`invalid_config`) for a real-Pi environment that is incomplete
 * (e.g. `PI_API_KEY` without `PI_SANDBOX`), before anything is started.
 */
export async function startNextDemo(options: StartNextDemoOptions = {}): Promise<RunningNextDemo> {
  const env = options.env ?? process.env;
  const port = options.port ?? (await freePort());
  const start = (piEnv: Record<string, string | undefined>): Promise<NextServer> =>
    startNextServer({ port, env: piEnv, dev: options.dev, echo: options.echo });

  if (env.PI_API_KEY) {
    const realEnv = Object.fromEntries(REAL_PI_VARIABLES.map((name) => [name, env[name]]));
    readPiConfig(realEnv); // fail fast, with the fix, before starting Next
    // PI_SIMULATOR_URL is cleared so a leftover value cannot point a real key at the simulator.
    const next = await start({ ...realEnv, PI_SIMULATOR_URL: '' });
    return { url: next.url, mode: 'real', simulatorUrl: null, network: null, close: () => next.stop() };
  }

  const network = createPiNetwork({ users: options.users ?? DEFAULT_USERS });
  const simulator = await startSimulatorServer({ network, port: options.simulatorPort ?? 0 });
  let next: NextServer;
  try {
    next = await start({
      PI_SIMULATOR_URL: simulator.url,
      PI_API_KEY: network.app.apiKey,
      PI_NETWORK: network.app.network,
      PI_SANDBOX: '',
    });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  return {
    url: next.url,
    mode: 'simulator',
    simulatorUrl: simulator.url,
    network,
    async close() {
      await next.stop();
      await simulator.close();
    },
  };
}
