/**
 * How the page reaches Pi. In the Pi Browser `window.Pi` is Pi's own SDK; in development it is
 * `pi-sim`'s simulated one (`VITE_PI_SDK_URL=http://127.0.0.1:4100/pi-sdk.js?user=alice`).
 */
import type { PiClientOptions } from '@pi-kit/core';

export const piOptions: PiClientOptions = {
  // true only inside Pi's sandbox (sandbox.minepi.com); false in the Pi Browser and with pi-sim.
  sandbox: import.meta.env.VITE_PI_SANDBOX === 'true',
  ...(import.meta.env.VITE_PI_SDK_URL ? { sdkUrl: import.meta.env.VITE_PI_SDK_URL } : {}),
};
