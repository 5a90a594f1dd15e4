/**
 * Everything the simulator server answers, as one Fetch handler (the Node
 * server in `start-server.ts` only adapts it):
 *
 * | path | answer |
 * |---|---|
 * | `GET /` | JSON: the network, the URLs below and the users |
 * | `/v2/*` | Pi's Platform API (`network.platformApi`) |
 * | `/horizon/*` | Horizon (`network.horizon`, which accepts the prefix and keeps it in links), for `new Horizon.Server(url + '/horizon', { allowHttp: true })` |
 * | `GET /pi-sdk.js?user=&wallet=&sandbox=&outsidePiBrowser=&expiry=` | the browser `window.Pi` with its wallet dialog |
 * | `POST /__sim/rpc/{method}` | the browser SDK's JSON bridge |
 * | `GET /console` | the console: a live view of the network, with scenarios on demand |
 * | `/__sim/state`, `/__sim/events`, `/__sim/scenarios/*` | the console's API (`console/console-api.ts`) |
 *
 * Every other request gets a 404 in Pi's error shape.
 */
import type { PiNetwork } from '../engine/types';
import type { BrowserSdkConfig, BrowserWalletMode } from '../browser/config';
import { BRIDGE_PATH } from '../sdk/bridge-protocol';
import { consoleAsset, CONSOLE_PATH } from '../console/console-assets';
import { CONSOLE_API_PATH, createConsoleApi } from '../console/console-api';
import { createBridgeHandler } from './bridge';
import { jsonResponse, piErrorResponse } from './pi-error';
import { browserScript } from './sdk-bundle';

/** The path prefix Horizon is served under. */
export const HORIZON_PREFIX = '/horizon';

/** The path of the browser script. */
export const SDK_SCRIPT_PATH = '/pi-sdk.js';

const WALLET_MODES: readonly BrowserWalletMode[] = ['dialog', 'approve', 'reject', 'manual'];

/** The Fetch handler of the simulator server for `network`. Rejects only for an injected `drop` fault. */
export function createSimulatorHandler(network: PiNetwork): (request: Request) => Promise<Response> {
  const consoleApi = createConsoleApi(network);
  const bridge = createBridgeHandler(network, { crashAfterSigning: () => consoleApi.scenarios.takeCrashAfterSigning() });
  return async (request) => {
    const url = new URL(request.url);
    const { pathname } = url;
    if (pathname === CONSOLE_PATH || pathname.startsWith(`${CONSOLE_PATH}/`)) {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return piErrorResponse(405, 'method_not_allowed', `Use GET ${CONSOLE_PATH}.`);
      return consoleAsset(pathname);
    }
    if (pathname.startsWith('/v2/') || pathname === '/v2') return network.platformApi(request);
    if (pathname === HORIZON_PREFIX || pathname.startsWith(`${HORIZON_PREFIX}/`)) {
      return network.horizon(request, { mountPath: HORIZON_PREFIX });
    }
    if (pathname.startsWith(`${BRIDGE_PATH}/`)) return bridge(request);
    if (pathname.startsWith(`${CONSOLE_API_PATH}/`)) return consoleApi.handle(request);
    if (pathname === SDK_SCRIPT_PATH) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return piErrorResponse(405, 'method_not_allowed', `Use GET ${SDK_SCRIPT_PATH}.`);
      }
      return sdkScript(network, url);
    }
    if (pathname === '/' && request.method === 'GET') return jsonResponse(200, describe(network, url.origin));
    return piErrorResponse(404, 'not_found', `Nothing at ${request.method} ${pathname}. See GET / for what this simulator serves.`);
  };
}

/** What `GET /` answers: where everything is. */
export function describe(network: PiNetwork, origin: string) {
  return {
    name: '@pi-kit/simulator',
    network: network.network,
    platformApi: `${origin}/v2`,
    horizon: `${origin}${HORIZON_PREFIX}`,
    sdk: `${origin}${SDK_SCRIPT_PATH}`,
    console: `${origin}${CONSOLE_PATH}`,
    users: network.users().map(({ uid, username, walletAddress }) => ({
      uid,
      username,
      walletAddress,
      balance: network.balanceOf(walletAddress),
    })),
  };
}

async function sdkScript(network: PiNetwork, url: URL): Promise<Response> {
  const query = url.searchParams;
  const user = query.get('user') ?? network.users()[0]?.username;
  if (!user) return piErrorResponse(404, 'user_not_found', 'The simulated network has no users: add one (pi-sim --user alice:100).');
  if (!network.users().some((known) => known.username === user || known.uid === user)) {
    return piErrorResponse(
      404,
      'user_not_found',
      `No simulated user "${user}". Known: ${network
        .users()
        .map((u) => u.username)
        .join(', ')}.`,
    );
  }
  const wallet = (query.get('wallet') ?? 'dialog') as BrowserWalletMode;
  if (!WALLET_MODES.includes(wallet)) {
    return piErrorResponse(400, 'invalid_arguments', `wallet must be one of ${WALLET_MODES.join(', ')}.`);
  }
  const expiry = query.get('expiry') ?? 'error';
  if (expiry !== 'error' && expiry !== 'cancel') return piErrorResponse(400, 'invalid_arguments', 'expiry must be "error" or "cancel".');
  const config: BrowserSdkConfig = {
    baseUrl: url.origin,
    user,
    wallet,
    sandbox: flag(query.get('sandbox')),
    outsidePiBrowser: flag(query.get('outsidePiBrowser')),
    expiry,
  };
  const script = await browserScript(config);
  return new Response(script, {
    status: 200,
    headers: { 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

function flag(value: string | null): boolean {
  return value === 'true' || value === '1' || value === '';
}
