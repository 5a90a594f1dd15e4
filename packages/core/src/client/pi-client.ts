import type { StoreApi } from 'zustand/vanilla';
import type { PaymentRouteResponseBodies } from '../contract/routes';
import type { PaymentHandle } from '../payment/machine';
import type { PiClientState } from '../store/state';
import type { AuthResult, Scope } from '../types/auth';
import type { JsonObject } from '../types/json';
import type { PaymentData, PaymentDTO } from '../types/payment';
import type { PiSdk } from '../types/sdk';

/**
 * The client's store as users see it: read and subscribe, never write. Every change goes through
 * the client's methods (`authenticate`, `createPayment`, `resetPayment`, …), so the state always
 * follows the payment state machine. zustand's `useStore` and `subscribeWithSelector` take it.
 */
export type ReadonlyPiStore = Pick<StoreApi<PiClientState>, 'getState' | 'getInitialState' | 'subscribe'>;

/**
 * A Pi client: the promise/event API over `window.Pi`, with its state in a zustand vanilla
 * store. Create one per app (`createPiClient`, or `createBarePiClient`). The SDK's other features
 * are functions taking the client (`openShareDialog`, `openUrlInSystemBrowser`,
 * `nativeFeaturesList`, `showAd`, `isAdReady`, `requestAd`), so an app ships only those it uses.
 */
export interface PiClient {
  /** The client's state (see `PiClientState`): `getState()`, `subscribe(listener)`; read-only. */
  readonly store: ReadonlyPiStore;
  /** The sandbox flag the client passes to `Pi.init`. */
  readonly sandbox: boolean;
  /**
   * Gets the SDK (the `sdk` option; else `createPiClient` loads Pi's script and
   * `createBarePiClient` takes the page's `window.Pi`) and calls `Pi.init({ version: "2.0", sandbox })`
   * once, whatever the number of callers (React StrictMode): all share one promise.
   * A failed init can be retried by calling again.
   * @throws {SdkUnavailableError} no browser (SSR); {@link SdkLoadError}; {@link UnsupportedVersionError};
   * {@link SdkCallError} (`Pi.init` threw).
   */
  init(): Promise<PiSdk>;
  /**
   * `Pi.authenticate(scopes, onIncompletePaymentFound)`, initialising first.
   * Concurrent calls with the same scopes share one request. An incomplete payment
   * the SDK reports is sent to the app server's `incomplete` route and shown in
   * `state.incompletePayment`. Default scopes: `['username', 'payments']`. A signed-in user
   * stays signed in while it runs and when it fails (their access token, user and scopes are
   * kept; the failure is in `state.auth.error`): Pi's token stays valid, and servers verify it.
   * Source: Pi SDK reference, `Pi.authenticate`; the community guide's payment integration page, `onIncompletePaymentFound`.
   * @throws {InvalidScopesError} (`code: "invalid_scopes"`: not a non-empty array of non-empty
   * strings; nothing is asked of Pi, and a signed-in user stays signed in),
   * {@link PiBrowserRequiredError} (no answer within `authTimeoutMs`),
   * {@link AuthenticationError}, and the errors of {@link PiClient.init}.
   */
  authenticate(scopes?: Scope[]): Promise<AuthResult>;
  /** Forgets the user and access token (the Pi SDK has no sign-out; this is app-side only). */
  signOut(): void;
  /**
   * Starts a U2A payment (`Pi.createPayment`) and drives it: approval and completion
   * through the transport (at most one request per step in flight, a succeeded step
   * never requested again, a failed one retried at the SDK's next re-invocation),
   * cancellation and errors as typed errors. Never throws: failures settle the handle.
   * Needs an authenticated user with the `payments` scope.
   * Source: payments.md and the community guide's payment flow.
   */
  createPayment<Metadata extends object = JsonObject>(data: PaymentData<Metadata>): PaymentHandle;
  /**
   * Forgets the current payment once it is finished (`completed`, `cancelled` or
   * `failed`): `state.payment` becomes `null`, and the payment is detached from the
   * store, so answers that still arrive for it (a late approval or completion answer
   * of the app server) update its `PaymentHandle` only and never bring it back into
   * `state.payment`. Does nothing when there is no payment.
   * @throws {PaymentInProgressError} (`code: "payment_in_progress"`) while the current
   * payment is open (or waiting to start): an open payment cannot be forgotten, it goes
   * on and stays in `state.payment`. Check `isTerminalPhase(state.payment.phase)` first.
   */
  resetPayment(): void;
  /**
   * Sends an incomplete payment (a transaction exists, not completed) to the app
   * server's `incomplete` route; called automatically for `onIncompletePaymentFound`.
   * Concurrent calls for one payment share a request.
   * @throws {ServerRequestError} when the server could not resolve it.
   */
  recoverIncompletePayment(payment: PaymentDTO): Promise<PaymentRouteResponseBodies['incomplete']>;
  /** The initialised SDK, or `null` before `init` succeeded. */
  getSdk(): PiSdk | null;
}
