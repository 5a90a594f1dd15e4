/**
 * `@pi-kit/simulator/server`: the simulated Pi network over HTTP (Platform API,
 * Horizon, and the browser `window.Pi` with its wallet dialog). Node only.
 */
export { startSimulatorServer, type SimulatorServer, type SimulatorServerOptions } from './start-server';
export { createSimulatorHandler, HORIZON_PREFIX, SDK_SCRIPT_PATH } from './simulator-handler';
export { MAX_BODY_BYTES } from './node-adapter';
export { createHttpBackend, BridgeError, type HttpBackendOptions } from '../sdk/http-backend';
/** The JSON bridge the browser script's `window.Pi` uses: `POST {BRIDGE_PATH}/{method}`. */
export { BRIDGE_METHODS, BRIDGE_PATH } from '../sdk/bridge-protocol';
