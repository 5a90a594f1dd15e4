/**
 * Authentication types of the Pi browser SDK.
 *
 * Source: Pi SDK reference, `Pi.authenticate`; docs/PI-PLATFORM.md ("The browser SDK").
 */

/**
 * A permission the app asks the user for. The documented ones are `username`,
 * `payments` and `wallet_address`; apps also send undocumented ones such as
 * `roles` and `in_app_notifications`, which the type admits as plain strings.
 */
export type Scope = 'username' | 'payments' | 'wallet_address' | (string & {});

/** The scopes Pi documents. Source: Pi SDK reference, "Scopes". */
export const DOCUMENTED_SCOPES = ['username', 'payments', 'wallet_address'] as const;

/** A documented scope. */
export type DocumentedScope = (typeof DOCUMENTED_SCOPES)[number];

/**
 * What `Pi.authenticate` resolves with. `uid` is app-specific and needs no scope;
 * `username` is present with the `username` scope. The user object is for display
 * only: a server must verify `accessToken` with `GET /v2/me` before trusting it.
 */
export interface AuthResult {
  accessToken: string;
  user: { uid: string; username?: string };
}
