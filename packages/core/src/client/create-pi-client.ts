import type { StoreApi } from 'zustand/vanilla';
import type { IncompleteRequestBody, PaymentRoute, PaymentRouteResponseBodies } from '../contract/routes';
import type { PaymentTransport } from '../contract/transport';
import { detectPiEnvironment } from '../env/environment';
import { PiKitError } from '../errors/base';
import { normalizeSdkError } from '../errors/normalize';
import { InvalidOptionError } from '../errors/options';
import { PaymentError, PaymentInProgressError } from '../errors/payment';
import {
  AuthenticationError,
  NotAuthenticatedError,
  NotInitializedError,
  PiBrowserRequiredError,
  SdkCallError,
  SdkLoadError,
  SdkUnavailableError,
  UnsupportedVersionError,
} from '../errors/sdk';
import { ServerRequestError } from '../errors/transport';
import { loadPiSdk, PI_SDK_URL } from '../loader/load-pi-sdk';
import { canRequest, isIncompletePayment } from '../payment/reducer';
import { validatePaymentData } from '../payment/validate';
import { createClientStore } from '../store/create-client-store';
import { SIGNED_OUT, type PiClientState } from '../store/state';
import { createFetchTransport } from '../transport/fetch-transport';
import type { AdType, IsAdReadyResponse, RequestAdResponse, ShowAdResponse } from '../types/ads';
import type { AuthResult, Scope } from '../types/auth';
import type { PaymentCallbacks, PaymentData, PaymentDTO } from '../types/payment';
import type { NativeFeature, PiSdk } from '../types/sdk';
import { consoleLogger, silentLogger, SUPPORTED_SDK_VERSIONS, type PiClientOptions, type PiKitLogger } from './options';
import { PaymentMachine, type PaymentHandle } from '../payment/machine';
import { validateScopes } from './scopes';

/** The default `authTimeoutMs`: 10 s, far below the SDK's own 60–120 s hang outside the Pi Browser. */
export const DEFAULT_AUTH_TIMEOUT_MS = 10_000;

/** The default `sdkRetryTimeoutMs`: three of the SDK's ~10 s re-invocation periods. */
export const DEFAULT_SDK_RETRY_TIMEOUT_MS = 30_000;

/** The scopes `authenticate()` asks for when called without any. */
export const DEFAULT_SCOPES: Scope[] = ['username', 'payments'];

/**
 * A Pi client: the promise/event API over `window.Pi`, with its state in a zustand
 * vanilla store. Create one per app (`createPiClient`).
 */
export interface PiClient {
  /** The client's state (see `PiClientState`); subscribe with selectors. */
  readonly store: StoreApi<PiClientState>;
  /** The sandbox flag the client passes to `Pi.init`. */
  readonly sandbox: boolean;
  /**
   * Loads the SDK (unless given) and calls `Pi.init({ version: "2.0", sandbox })`
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
   * `state.incompletePayment`. Default scopes: `['username', 'payments']`.
   * Source: Pi SDK reference, `Pi.authenticate`; seed `003_…`, `onIncompletePaymentFound`.
   * @throws {InvalidScopesError}, {@link PiBrowserRequiredError} (no answer within `authTimeoutMs`),
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
   * Source: seeds `001_…`, `002_…`.
   */
  createPayment(data: PaymentData): PaymentHandle;
  /**
   * Sends an incomplete payment (a transaction exists, not completed) to the app
   * server's `incomplete` route; called automatically for `onIncompletePaymentFound`.
   * Concurrent calls for one payment share a request.
   * @throws {ServerRequestError} when the server could not resolve it.
   */
  recoverIncompletePayment(payment: PaymentDTO): Promise<PaymentRouteResponseBodies['incomplete']>;
  /** `Pi.openShareDialog(title, message)`. @throws {NotInitializedError}, {@link SdkCallError}. */
  openShareDialog(title: string, message: string): Promise<void>;
  /** `Pi.nativeFeaturesList()`. @throws {NotInitializedError}, {@link SdkCallError}. */
  nativeFeaturesList(): Promise<NativeFeature[]>;
  /** `Pi.openUrlInSystemBrowser(url)`. @throws {NotInitializedError}, {@link SdkCallError} ("Failed to open URL", "No minimal requirements", "Unexpected error"). */
  openUrlInSystemBrowser(url: string): Promise<void>;
  /** `Pi.Ads`. Each method @throws {NotInitializedError}, {@link SdkCallError}. */
  readonly ads: {
    showAd(type: AdType): Promise<ShowAdResponse>;
    isAdReady(type: AdType): Promise<IsAdReadyResponse>;
    requestAd(type: AdType): Promise<RequestAdResponse>;
  };
  /** The initialised SDK, or `null` before `init` succeeded. */
  getSdk(): PiSdk | null;
}

/**
 * Creates a Pi client. Nothing happens until `init`/`authenticate` is called, so it
 * is safe to create during SSR.
 *
 * ```ts
 * const client = createPiClient({ sandbox: false });
 * await client.authenticate(['username', 'payments']);
 * const payment = client.createPayment({ amount: 3.14, memo: 'Kitten #1234', metadata: { orderId: 1234 } });
 * payment.on('phase', (phase) => console.log(phase));
 * const completed = await payment; // PaymentDTO, after the server's /complete succeeded
 * ```
 *
 * Source: Pi SDK reference (`Pi.init`, `Pi.authenticate`, `Pi.createPayment`), seeds `001_…`–`003_…`.
 *
 * @throws {InvalidOptionError} (`code: "invalid_option"`) without an explicit boolean `sandbox`,
 * with a non-positive `authTimeoutMs`/`sdkRetryTimeoutMs`, or an unknown `onPaymentConcurrency`.
 */
export function createPiClient(options: PiClientOptions): PiClient {
  if (typeof options?.sandbox !== 'boolean') {
    throw new InvalidOptionError('sandbox', "set it explicitly: true when the app runs in Pi's sandbox (developer portal), else false. It is never guessed.");
  }
  const sandbox = options.sandbox;
  const version = options.version ?? '2.0';
  const logger: PiKitLogger = options.logger === false ? silentLogger : (options.logger ?? consoleLogger);
  const authTimeoutMs = positiveMs('authTimeoutMs', options.authTimeoutMs, DEFAULT_AUTH_TIMEOUT_MS);
  const sdkRetryTimeoutMs = positiveMs('sdkRetryTimeoutMs', options.sdkRetryTimeoutMs, DEFAULT_SDK_RETRY_TIMEOUT_MS);
  const concurrency = options.onPaymentConcurrency ?? 'reject';
  if (!['reject', 'wait', 'replace'].includes(concurrency)) {
    throw new InvalidOptionError('onPaymentConcurrency', `use 'reject', 'wait' or 'replace', got ${JSON.stringify(concurrency)}.`);
  }
  const transport: PaymentTransport =
    options.transport ?? createFetchTransport({ baseUrl: options.serverUrl ?? '', ...(options.basePath !== undefined ? { basePath: options.basePath } : {}) });
  const environment = detectPiEnvironment();
  const store = createClientStore({ sandbox, environment });
  const onInvariantViolation =
    options.onInvariantViolation ?? ((error: PiKitError) => logger.error(error.message, error));

  let sdk: PiSdk | null = null;
  let initPromise: Promise<PiSdk> | null = null;
  const authInFlight = new Map<string, Promise<AuthResult>>();
  let authEpoch = 0;
  const recoveries = new Map<string, Promise<PaymentRouteResponseBodies['incomplete']>>();
  /** The last payment created (open, waiting or ended): the double-click guard. */
  let lastPayment: PaymentMachine | null = null;
  /** The payment shown in `state.payment`. */
  let shownPayment: PaymentMachine | null = null;

  const setSdk = (patch: Partial<PiClientState['sdk']>) => store.setState((s) => ({ sdk: { ...s.sdk, ...patch } }));
  const setAuth = (patch: Partial<PiClientState['auth']>) => store.setState((s) => ({ auth: { ...s.auth, ...patch } }));

  // ── init ────────────────────────────────────────────────────────────────────
  function init(): Promise<PiSdk> {
    if (!initPromise) {
      const attempt = runInit();
      initPromise = attempt;
      attempt.catch(() => {
        if (initPromise === attempt) initPromise = null;
      });
    }
    return initPromise;
  }

  async function runInit(): Promise<PiSdk> {
    const fail = (error: PiKitError, status: 'error' | 'unavailable' = 'error'): never => {
      setSdk({ status, error });
      throw error;
    };
    if (!(SUPPORTED_SDK_VERSIONS as readonly string[]).includes(version)) fail(new UnsupportedVersionError(version, SUPPORTED_SDK_VERSIONS));
    setSdk({ status: 'loading', error: null });
    let loaded: PiSdk | null = null;
    try {
      const source = options.sdk;
      loaded =
        typeof source === 'function'
          ? await source()
          : (source ??
            (await loadPiSdk({
              url: options.sdkUrl ?? PI_SDK_URL,
              ...(options.sdkLoadTimeoutMs !== undefined ? { timeoutMs: options.sdkLoadTimeoutMs } : {}),
            })));
    } catch (cause) {
      fail(cause instanceof PiKitError ? cause : new SdkLoadError('script_error', options.sdkUrl ?? PI_SDK_URL, { cause }));
    }
    if (!loaded) return fail(new SdkUnavailableError(), 'unavailable');
    try {
      await loaded.init({ version: version as '2.0', sandbox });
    } catch (thrown) {
      const cause = normalizeSdkError(thrown);
      fail(/version/i.test(cause.message) ? new UnsupportedVersionError(version, SUPPORTED_SDK_VERSIONS, { cause }) : new SdkCallError('init', { cause }));
    }
    if (sandbox && environment === 'browser') {
      logger.warn('sandbox: true but the page is not framed: Pi\'s sandbox runs apps inside the developer portal. Authentication will likely fail here.');
    }
    sdk = loaded;
    setSdk({ status: 'ready', error: null });
    return loaded;
  }

  function requireSdk(method: string): PiSdk {
    if (!sdk) throw new NotInitializedError(method);
    return sdk;
  }

  // ── authentication ─────────────────────────────────────────────────────────
  function authenticate(scopes: Scope[] = DEFAULT_SCOPES): Promise<AuthResult> {
    let list: Scope[];
    try {
      list = validateScopes(scopes, (message) => logger.warn(message));
    } catch (error) {
      setAuth({ status: 'error', error: error as PiKitError });
      return Promise.reject(error);
    }
    const key = [...list].sort().join(' ');
    const shared = authInFlight.get(key);
    if (shared) return shared;
    const attempt = runAuthenticate(list);
    authInFlight.set(key, attempt);
    const forget = () => {
      if (authInFlight.get(key) === attempt) authInFlight.delete(key);
    };
    attempt.then(forget, forget);
    return attempt;
  }

  async function runAuthenticate(scopes: Scope[]): Promise<AuthResult> {
    const epoch = authEpoch;
    const current = () => epoch === authEpoch;
    const pi = await init().catch((error: PiKitError) => {
      if (current()) setAuth({ status: 'error', error });
      throw error;
    });
    if (current()) setAuth({ status: 'loading', error: null });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const answer = new Promise<AuthResult>((resolve, reject) => {
        try {
          Promise.resolve(pi.authenticate(scopes, (payment) => onIncompletePaymentFound(payment))).then(resolve, (thrown: unknown) =>
            reject(new AuthenticationError({ cause: normalizeSdkError(thrown) })),
          );
        } catch (thrown) {
          reject(new AuthenticationError({ cause: normalizeSdkError(thrown) }));
        }
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PiBrowserRequiredError(authTimeoutMs)), authTimeoutMs);
      });
      const result = await Promise.race([answer, timeout]);
      if (!result || typeof result.accessToken !== 'string' || !result.user || typeof result.user.uid !== 'string') {
        throw new AuthenticationError({ details: 'Pi.authenticate resolved without { accessToken, user: { uid } }.' });
      }
      if (current()) {
        setAuth({ status: 'authenticated', user: result.user, accessToken: result.accessToken, scopes, error: null });
      }
      return result;
    } catch (error) {
      const typed = error instanceof PiKitError ? error : new AuthenticationError({ cause: error });
      if (current()) setAuth({ ...SIGNED_OUT, status: 'error', error: typed });
      throw typed;
    } finally {
      clearTimeout(timer);
    }
  }

  function signOut(): void {
    authEpoch += 1;
    authInFlight.clear();
    store.setState({ auth: SIGNED_OUT });
  }

  // ── incomplete payments ────────────────────────────────────────────────────
  function onIncompletePaymentFound(payment: PaymentDTO): void {
    recoverIncompletePayment(payment).catch((error: unknown) => {
      logger.warn(`Recovering incomplete payment ${payment?.identifier} failed; it will be offered again at the next authenticate.`, error);
    });
  }

  function recoverIncompletePayment(payment: PaymentDTO): Promise<PaymentRouteResponseBodies['incomplete']> {
    if (!payment || typeof payment !== 'object' || typeof payment.identifier !== 'string') {
      return Promise.reject(new PaymentError(null, undefined, { details: 'onIncompletePaymentFound was called without a PaymentDTO.' }));
    }
    const shared = recoveries.get(payment.identifier);
    if (shared) return shared;
    store.setState({ incompletePayment: { payment, status: 'recovering', outcome: null, error: null } });
    const body: IncompleteRequestBody = { paymentId: payment.identifier, txid: payment.transaction?.txid ?? null };
    const token = store.getState().auth.accessToken;
    if (token) body.accessToken = token;
    const isShown = () => store.getState().incompletePayment?.payment.identifier === payment.identifier;
    const attempt = callTransport('incomplete', () => transport.incomplete(body)).then(
      (answer) => {
        if (isShown()) store.setState({ incompletePayment: { payment: answer.payment, status: 'resolved', outcome: answer.outcome, error: null } });
        return answer;
      },
      (error: PiKitError) => {
        if (isShown()) store.setState({ incompletePayment: { payment, status: 'failed', outcome: null, error } });
        throw error;
      },
    );
    recoveries.set(payment.identifier, attempt);
    const forget = () => {
      if (recoveries.get(payment.identifier) === attempt) recoveries.delete(payment.identifier);
    };
    attempt.then(forget, forget);
    return attempt;
  }

  /** Calls the transport, turning whatever it throws into a PiKitError and checking the answer's shape. */
  async function callTransport<R extends PaymentRoute>(
    route: R,
    call: () => Promise<PaymentRouteResponseBodies[R]>,
  ): Promise<PaymentRouteResponseBodies[R]> {
    let answer: PaymentRouteResponseBodies[R];
    try {
      answer = await call();
    } catch (error) {
      if (error instanceof PiKitError) throw error;
      throw new ServerRequestError({ route, url: `(transport.${route})`, status: null, body: null, problem: `The payment transport's ${route} call failed.` }, { cause: error });
    }
    if (!answer || typeof answer !== 'object' || !answer.payment || typeof answer.payment !== 'object') {
      throw new ServerRequestError({
        route,
        url: `(transport.${route})`,
        status: null,
        body: null,
        problem: `The payment transport's ${route} call resolved without { payment }.`,
      });
    }
    return answer;
  }

  // ── payments ───────────────────────────────────────────────────────────────
  function newController(data: PaymentData | null): PaymentMachine {
    return new PaymentMachine(data, {
      onChange: (controller, snapshot) => {
        if (controller === shownPayment) store.setState({ payment: snapshot });
      },
      onInvariantViolation,
      onListenerError: (error) => logger.error('A payment listener threw.', error),
      strict: options.strict,
    });
  }

  function show(controller: PaymentMachine): void {
    shownPayment = controller;
    store.setState({ payment: controller.snapshot });
  }

  function createPayment(input: PaymentData): PaymentHandle {
    const open = lastPayment && !lastPayment.settled ? lastPayment : null;
    let data: PaymentData | null = null;
    let invalid: PiKitError | null = null;
    try {
      data = validatePaymentData(input);
    } catch (error) {
      invalid = error as PiKitError;
    }
    const controller = newController(data);
    if (invalid || !data) {
      if (!open) show(controller);
      controller.dispatch({ type: 'reject', error: invalid ?? new PaymentError(null, undefined) });
      return controller;
    }
    if (open && concurrency === 'reject') {
      controller.dispatch({ type: 'reject', error: new PaymentInProgressError(open.paymentId) });
      return controller;
    }
    lastPayment = controller;
    if (open && concurrency === 'wait') {
      void open.ended.then(() => startPayment(controller, data));
    } else {
      void startPayment(controller, data);
    }
    return controller;
  }

  async function startPayment(controller: PaymentMachine, data: PaymentData): Promise<void> {
    show(controller);
    // A pending payment being recovered would make Pi reject the new one: wait for it.
    if (recoveries.size > 0) await Promise.allSettled([...recoveries.values()]);
    const reject = (error: PiKitError) => controller.dispatchSafely({ type: 'reject', error });
    if (!sdk) return void reject(new NotInitializedError('createPayment'));
    const auth = store.getState().auth;
    if (auth.status !== 'authenticated' || !auth.accessToken) return void reject(new NotAuthenticatedError('createPayment'));
    if (!auth.scopes.includes('payments')) return void reject(new NotAuthenticatedError('createPayment', 'payments'));
    controller.dispatch({ type: 'start' });
    try {
      sdk.createPayment(data, paymentCallbacks(controller));
    } catch (thrown) {
      reject(new PaymentError(null, undefined, { cause: normalizeSdkError(thrown) }));
    }
  }

  function paymentCallbacks(controller: PaymentMachine): PaymentCallbacks {
    // Set after a failed completion; cleared by the SDK's next re-invocation.
    let giveUpTimer: ReturnType<typeof setTimeout> | undefined;
    const watchForSilence = () => {
      clearTimeout(giveUpTimer);
      giveUpTimer = setTimeout(() => {
        const { phase, completion } = controller.snapshot;
        if (phase === 'completing' && completion.status === 'failed') controller.dispatchSafely({ type: 'sdkGaveUp' });
      }, sdkRetryTimeoutMs);
    };
    controller.on('phase', (phase) => {
      if (phase !== 'completing') clearTimeout(giveUpTimer);
    });
    controller.on('change', (next, previous) => {
      if (next.completion.status === 'failed' && previous.completion.status !== 'failed') watchForSilence();
    });
    return {
      onReadyForServerApproval: (paymentId) => {
        const snapshot = controller.dispatch({ type: 'readyForServerApproval', paymentId });
        if (snapshot.phase === 'approving' && canRequest(snapshot.approval)) void approve(controller, paymentId);
      },
      onReadyForServerCompletion: (paymentId, txid) => {
        clearTimeout(giveUpTimer);
        const snapshot = controller.dispatch({ type: 'readyForServerCompletion', paymentId, txid });
        if (snapshot.phase === 'completing' && canRequest(snapshot.completion)) void complete(controller, paymentId, txid);
      },
      onCancel: (paymentId) => {
        const before = controller.phase;
        const snapshot = controller.dispatch({ type: 'cancel', paymentId });
        if (snapshot.phase !== before) {
          const body: { paymentId: string; accessToken?: string } = { paymentId };
          const token = store.getState().auth.accessToken;
          if (token) body.accessToken = token;
          callTransport('cancel', () => transport.cancel(body)).catch((error: unknown) =>
            logger.warn(`Telling the app server that payment ${paymentId} was cancelled failed.`, error),
          );
        }
      },
      onError: (error, payment) => {
        // Seed 002: a new payment rejected because an older one has a transaction: recover the older one.
        if (payment && payment.identifier !== controller.paymentId && isIncompletePayment(payment)) onIncompletePaymentFound(payment);
        controller.dispatch({ type: 'sdkError', error: normalizeSdkError(error), payment });
      },
    };
  }

  async function approve(controller: PaymentMachine, paymentId: string): Promise<void> {
    controller.dispatch({ type: 'approvalStarted' });
    const accessToken = store.getState().auth.accessToken ?? '';
    try {
      const answer = await callTransport('approve', () => transport.approve({ paymentId, accessToken }));
      controller.dispatchSafely({ type: 'approvalSucceeded', payment: answer.payment });
    } catch (error) {
      logger.warn(`Server-Side Approval of payment ${paymentId} failed; retrying when the Pi SDK calls again.`, error);
      controller.dispatchSafely({ type: 'approvalFailed', error: error as PiKitError });
    }
  }

  async function complete(controller: PaymentMachine, paymentId: string, txid: string): Promise<void> {
    controller.dispatch({ type: 'completionStarted' });
    const body: { paymentId: string; txid: string; accessToken?: string } = { paymentId, txid };
    const token = store.getState().auth.accessToken;
    if (token) body.accessToken = token;
    try {
      const answer = await callTransport('complete', () => transport.complete(body));
      controller.dispatchSafely({ type: 'completionSucceeded', payment: answer.payment });
    } catch (error) {
      logger.warn(`Server-Side Completion of payment ${paymentId} failed; retrying when the Pi SDK calls again.`, error);
      controller.dispatchSafely({ type: 'completionFailed', error: error as PiKitError });
    }
  }

  // ── thin wrappers ──────────────────────────────────────────────────────────
  async function callSdk<T>(method: string, call: (pi: PiSdk) => T | Promise<T>): Promise<T> {
    const pi = requireSdk(method);
    try {
      return await call(pi);
    } catch (thrown) {
      if (thrown instanceof SdkCallError) throw thrown;
      throw new SdkCallError(method, { cause: normalizeSdkError(thrown) });
    }
  }

  function ads(pi: PiSdk, method: string): PiSdk['Ads'] {
    if (!pi.Ads) throw new SdkCallError(method, { details: 'This Pi SDK has no Pi.Ads (it needs a recent Pi Browser).' });
    return pi.Ads;
  }

  return {
    store,
    sandbox,
    init,
    authenticate,
    signOut,
    createPayment,
    recoverIncompletePayment,
    openShareDialog: (title, message) => callSdk('openShareDialog', (pi) => void pi.openShareDialog(title, message)),
    nativeFeaturesList: () => callSdk('nativeFeaturesList', (pi) => pi.nativeFeaturesList()),
    openUrlInSystemBrowser: (url) => callSdk('openUrlInSystemBrowser', (pi) => pi.openUrlInSystemBrowser(url)),
    ads: {
      showAd: (type) => callSdk('Ads.showAd', (pi) => ads(pi, 'Ads.showAd').showAd(type)),
      isAdReady: (type) => callSdk('Ads.isAdReady', (pi) => ads(pi, 'Ads.isAdReady').isAdReady(type)),
      requestAd: (type) => callSdk('Ads.requestAd', (pi) => ads(pi, 'Ads.requestAd').requestAd(type)),
    },
    getSdk: () => sdk,
  };
}

/** A positive, finite number of milliseconds, or `fallback` when not given. */
function positiveMs(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(option, `a positive number of milliseconds, got ${String(value)}.`);
  }
  return value;
}
