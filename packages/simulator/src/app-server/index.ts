/**
 * A small app server for the `@pi-kit/core` contract routes, backed by the
 * simulated network: for testing browser code without a real server.
 */
export { createSimulatedAppServer, type SimulatedAppServer, type SimulatedAppServerOptions } from './simulated-app-server';
export { RouteError } from './route-error';
