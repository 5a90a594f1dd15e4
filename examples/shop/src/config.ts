/**
 * Where the page loads `window.Pi` from. The demo points it at the simulator's
 * `/pi-sdk.js`; in the Pi Browser it is Pi's own script.
 */
declare const __PI_SDK_URL__: string | undefined;
declare const __PI_SANDBOX__: boolean | undefined;
declare const __PI_SIM_CONSOLE_URL__: string | null | undefined;

export const PI_SDK_URL: string =
  typeof __PI_SDK_URL__ === 'string' && __PI_SDK_URL__ ? __PI_SDK_URL__ : 'https://sdk.minepi.com/pi-sdk.js';

export const PI_SANDBOX: boolean = typeof __PI_SANDBOX__ === 'boolean' ? __PI_SANDBOX__ : false;

/** The simulator's console (`pi-sim`'s `/console`), linked from the page; `null` against real Pi. */
export const PI_SIM_CONSOLE_URL: string | null =
  typeof __PI_SIM_CONSOLE_URL__ === 'string' && __PI_SIM_CONSOLE_URL__ ? __PI_SIM_CONSOLE_URL__ : null;
