/**
 * What the browser script needs to know, written by the server into `/pi-sdk.js`
 * from the script's query (`?user=alice&wallet=dialog&sandbox=true&outsidePiBrowser=true&expiry=cancel`).
 */
import type { WalletMode } from '../sdk/wallet';

/** How the browser's wallet decides: `'dialog'` (default) shows the wallet dialog; the others as in-process. */
export type BrowserWalletMode = WalletMode | 'dialog';

/** The configuration of one `/pi-sdk.js` load. */
export interface BrowserSdkConfig {
  /** The simulator server's origin, e.g. `http://127.0.0.1:4000`. */
  baseUrl: string;
  /** The username the page acts as. */
  user: string;
  wallet: BrowserWalletMode;
  sandbox: boolean;
  outsidePiBrowser: boolean;
  expiry: 'error' | 'cancel';
}

/** The query parameters `/pi-sdk.js` understands. */
export const BROWSER_QUERY_PARAMS = ['user', 'wallet', 'sandbox', 'outsidePiBrowser', 'expiry'] as const;
