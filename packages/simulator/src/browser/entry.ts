/**
 * The browser script served as `/pi-sdk.js`: installs a simulated `window.Pi`
 * that drives the simulator server over its JSON bridge, with the same SDK logic
 * as in-process (`createSdk`), and mounts the wallet dialog.
 *
 * Bundled by esbuild (IIFE, global `__piSimulator`); the server appends
 * `__piSimulator.start({...})` with the configuration of the request.
 */
import { createSdk, type SimulatedPi } from '../sdk/create-sdk';
import { createHttpBackend } from '../sdk/http-backend';
import type { BrowserSdkConfig } from './config';
import { simulateCrash } from './simulated-crash';
import { mountWalletDialog } from './wallet-dialog';

/** Installs `window.Pi` for `config` and returns it. */
export function start(config: BrowserSdkConfig): SimulatedPi {
  const backend = createHttpBackend(config.baseUrl, { onSimulatedCrash: (paymentId) => simulateCrash(document, paymentId) });
  const pi = createSdk(backend, {
    user: config.user,
    wallet: config.wallet === 'dialog' ? 'manual' : config.wallet,
    sandbox: config.sandbox,
    outsidePiBrowser: config.outsidePiBrowser,
    expiry: config.expiry,
  });
  if (config.wallet === 'dialog') {
    const mount = () => mountWalletDialog(pi.wallet, document);
    if (document.body) mount();
    else document.addEventListener('DOMContentLoaded', mount, { once: true });
  }
  (window as unknown as { Pi: SimulatedPi }).Pi = pi;
  return pi;
}
