/**
 * Where the page loads `window.Pi` from and the `sandbox` flag, set by the launcher
 * (Vite `define`): the simulator's `/pi-sdk.js`, or Pi's own script for real Pi.
 * Nothing secret is ever defined here.
 */
import { PI_SDK_URL as PI_SDK_DEFAULT_URL } from '@pi-kit/core';

declare const __PI_SDK_URL__: string | undefined;
declare const __PI_SANDBOX__: boolean | undefined;

export const PI_SDK_URL: string = typeof __PI_SDK_URL__ === 'string' && __PI_SDK_URL__ ? __PI_SDK_URL__ : PI_SDK_DEFAULT_URL;
export const PI_SANDBOX: boolean = typeof __PI_SANDBOX__ === 'boolean' ? __PI_SANDBOX__ : false;
