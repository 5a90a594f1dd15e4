/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Pi SDK script: Pi's own by default, `pi-sim`'s `/pi-sdk.js` in development. */
  readonly VITE_PI_SDK_URL?: string;
  /** "true" inside Pi's sandbox (sandbox.minepi.com). */
  readonly VITE_PI_SANDBOX?: string;
}
