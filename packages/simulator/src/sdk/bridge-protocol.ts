/**
 * The JSON bridge between the browser script (`/pi-sdk.js`) and the simulator
 * server: `POST /__sim/rpc/{method}` with `{ "args": [...] }`, answered by
 * `200 { "result": … }` or a 4xx/5xx in Pi's error shape
 * (`{ error, error_message, payment? }`). One method per {@link SdkBackend}
 * operation (watching is done by polling `paymentState`).
 */

/** The path prefix of the bridge. */
export const BRIDGE_PATH = '/__sim/rpc';

/** The methods of the bridge, each an `SdkBackend` operation. */
export const BRIDGE_METHODS = [
  'timings',
  'authenticate',
  'createPayment',
  'paymentState',
  'incompletePaymentOf',
  'openPaymentOf',
  'submitTransaction',
  'cancelByUser',
  'expire',
  'balanceOf',
  'showAd',
  'log',
] as const;

/** A method of the bridge. */
export type BridgeMethod = (typeof BRIDGE_METHODS)[number];

/** True when `name` is a bridge method. */
export function isBridgeMethod(name: string): name is BridgeMethod {
  return (BRIDGE_METHODS as readonly string[]).includes(name);
}
