/**
 * The launcher shared by the Vite examples (shop, vanilla): one `node:http` server on
 * 127.0.0.1 that gives each request to the example's server first (`handle`: an Express
 * app or any connect-style handler) and to Vite's dev middleware (the page) when the
 * handler passes it on. The page receives only what `browserConfig` says (Pi's SDK URL, the
 * sandbox flag and, with the simulator, its console's URL, as Vite `define`s `__PI_SDK_URL__`,
 * `__PI_SANDBOX__`, `__PI_SIM_CONSOLE_URL__`): never a secret.
 * Not a package: imported by relative path from `examples/<name>/server/start.ts`.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createViteServer } from 'vite';

/** A connect-style handler: answers, or calls `next()` to let the page (Vite) answer. */
export type AppHandler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export interface ViteAppServerOptions {
  /** The example's `vite.config.ts` (absolute path). */
  configFile: string;
  /** Creates the example's server (a failure there closes `resources`); whatever it passes on is the page. */
  createHandler: () => AppHandler | Promise<AppHandler>;
  /** What the example started for this server (simulator, database): closed after it, in order, or if it fails to start. */
  resources?: Array<{ close(): Promise<void> } | null | undefined>;
  /** What the page is told to load `window.Pi` from, and where the simulator's console is (`null` against real Pi). */
  browserConfig: { sdkUrl: string; sandbox: boolean; consoleUrl?: string | null };
  /** Port on 127.0.0.1 (0: any free port). */
  port?: number;
  /** Vite hot reload (off in tests). */
  hmr?: boolean;
}

export interface ViteAppServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. Rejects, after closing everything (`resources` too), if anything fails. */
export async function startViteAppServer(options: ViteAppServerOptions): Promise<ViteAppServer> {
  const closeResources = async () => {
    for (const resource of options.resources ?? []) await resource?.close();
  };
  let handle: AppHandler;
  try {
    handle = await options.createHandler();
  } catch (error) {
    await closeResources();
    throw error;
  }
  const httpServer: Server = createHttpServer();
  const vite = await createViteServer({
    configFile: options.configFile,
    server: { middlewareMode: true, hmr: options.hmr ? { server: httpServer } : false },
    appType: 'spa',
    // Only what the page needs to load window.Pi: never the API key or the wallet seed.
    define: {
      __PI_SDK_URL__: JSON.stringify(options.browserConfig.sdkUrl),
      __PI_SANDBOX__: JSON.stringify(options.browserConfig.sandbox),
      __PI_SIM_CONSOLE_URL__: JSON.stringify(options.browserConfig.consoleUrl ?? null),
    },
    logLevel: 'warn',
  });
  httpServer.on('request', (req, res) => handle(req, res, () => vite.middlewares(req, res)));
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await vite.close();
    await closeResources();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await vite.close();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      await closeResources();
    },
  };
}
