/**
 * @pi-kit/core: a framework-free, type-safe wrapper of the Pi browser SDK (`window.Pi`).
 * Safe to import during server-side rendering: nothing here touches `window` on import.
 *
 * The public API, listed by name (pinned by tests/api/public-api.test.ts). What other pi-kit
 * packages need of core's internals is in `@pi-kit/core/internal`.
 */

// Pi's own types: window.Pi, payments, the Platform API (docs/PI-PLATFORM.md)
export type {
  AdNetworkStatusDTO,
  AdType,
  IsAdReadyResponse,
  RequestAdResponse,
  ShowAdResponse,
} from './types/ads';
export { DOCUMENTED_SCOPES, type AuthResult, type DocumentedScope, type Scope } from './types/auth';
export type {
  AppNetwork,
  Direction,
  PaymentCallbacks,
  PaymentData,
  PaymentDTO,
  PaymentStatus,
  PaymentTransaction,
} from './types/payment';
export type { JsonObject, JsonSafe, JsonValue } from './types/json';
export type {
  A2UPaymentArgs,
  IncompleteServerPaymentsDTO,
  PiApiErrorBody,
  PiApiErrorCode,
  UserDTO,
} from './types/platform-api';
export type { NativeFeature, PiAds, PiInitOptions, PiSdk } from './types/sdk';

// The wire contract between the browser and the app server
export {
  DEFAULT_ROUTE_BASE_PATH,
  PAYMENT_ROUTES,
  routePath,
  type ApproveRequestBody,
  type CancelRequestBody,
  type CompleteRequestBody,
  type IncompleteOutcome,
  type IncompleteRequestBody,
  type PaymentRoute,
  type PaymentRouteRequestBodies,
  type PaymentRouteResponseBodies,
  type RouteErrorBody,
} from './contract/routes';
export { ROUTE_ERROR_STATUS, RouteError, type RouteErrorCode } from './contract/route-error';
export type { PaymentTransport } from './contract/transport';
export { createFetchTransport, type FetchTransportOptions, type TransportHeaders } from './transport/fetch-transport';

// Errors
export { PiKitError, type PiKitErrorOptions } from './errors/base';
export type { PiKitErrorCode } from './errors/codes';
export { normalizeSdkError } from './errors/normalize';
export { isPiKitError, type KnownPiKitError, type PiKitErrorOf } from './errors/is-pi-kit-error';
export {
  AuthenticationError,
  InvalidScopesError,
  NotAuthenticatedError,
  NotInitializedError,
  PiBrowserRequiredError,
  SdkCallError,
  SdkLoadError,
  SdkUnavailableError,
  UnsupportedVersionError,
  type SdkLoadFailure,
} from './errors/sdk';
export {
  ApprovalFailedError,
  CompletionFailedError,
  IncompletePaymentError,
  InvalidPaymentDataError,
  InvalidTransitionError,
  PaymentCancelledError,
  PaymentError,
  PaymentExpiredError,
  PaymentInProgressError,
  type PaymentDataField,
} from './errors/payment';
export { ServerRequestError } from './errors/transport';
export { InvalidOptionError } from './errors/options';

// Loading window.Pi, and where the page runs
export { DEFAULT_SDK_LOAD_TIMEOUT_MS, loadPiSdk, type LoadPiSdkOptions } from './loader/load-pi-sdk';
export { PI_HORIZON_URLS, PI_PLATFORM_API_URL, PI_SDK_URL } from './contract/pi-urls';
export { detectPiEnvironment, type PiEnvironmentHint } from './env/environment';

// Payments: phases, snapshots, the reducer, input checks
export { isTerminalPhase, PAYMENT_PHASES, TERMINAL_PAYMENT_PHASES, type PaymentPhase, type TerminalPaymentPhase } from './payment/phases';
export type { PaymentEvent, PaymentEventType } from './payment/events';
export { createPaymentSnapshot, type PaymentSnapshot, type ServerStep, type ServerStepStatus } from './payment/snapshot';
export { isIncompletePayment, paymentReducer } from './payment/reducer';
export { validatePaymentData } from './payment/validate';
export {
  formatStroops,
  isPiAmount,
  MAX_PI_AMOUNT,
  PI_AMOUNT_DECIMALS,
  piToStroops,
  STROOPS_PER_PI,
  stroopsToPi,
} from './contract/amount';
export type { PaymentHandle, PaymentHandleEvents } from './payment/machine';

// The client and its state
export { createPiClient } from './client/create-pi-client';
export { createBarePiClient, type BarePiClientOptions } from './client/create-bare-pi-client';
export type { PiClient, ReadonlyPiStore } from './client/pi-client';
export { DEFAULT_AUTH_TIMEOUT_MS, DEFAULT_SDK_RETRY_TIMEOUT_MS } from './client/context';
export { DEFAULT_SCOPES } from './client/auth-session';
export {
  consoleLogger,
  silentLogger,
  SUPPORTED_SDK_VERSIONS,
  type PaymentConcurrency,
  type PiClientOptions,
  type PiKitLogger,
} from './client/options';
export { validateScopes } from './client/scopes';
export type {
  AuthState,
  AuthStatus,
  IncompletePaymentState,
  NativeFeaturesState,
  NativeFeaturesStatus,
  PiClientState,
  SdkState,
  SdkStatus,
} from './store/state';

// The SDK's other features: functions taking the client, so an app ships only those it uses
export { isAdReady, requestAd, showAd } from './features/ads';
export { openShareDialog } from './features/share-dialog';
export { openUrlInSystemBrowser } from './features/system-browser';
export { nativeFeaturesList } from './features/native-features';

// What a UI shows, derived once for every binding
export { authView, type AuthView } from './views/auth-view';
export { paymentView, type PaymentView } from './views/payment-view';
export { sdkView, type PiSdkStatus, type SdkView } from './views/sdk-view';
