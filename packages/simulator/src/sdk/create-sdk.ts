/**
 * The simulated `window.Pi`, written once against {@link SdkBackend}: the
 * in-process SDK (`createSimulatedPi`) and the browser script (`/pi-sdk.js`)
 * both use it.
 *
 * Source: Pi SDK reference and payments.md, as summarised in docs/PI-PLATFORM.md ("The browser SDK").
 */
import type {
  AdType,
  AuthResult,
  NativeFeature,
  PaymentCallbacks,
  PaymentData,
  PaymentDTO,
  PiInitOptions,
  PiSdk,
  Scope,
  ShowAdResponse,
} from '@pi-kit/core';
import { DEFAULT_SDK_TIMINGS, type SdkBackend, type SdkLogEntry, type SdkTimings } from './backend';
import { NOT_INITIALIZED_MESSAGE, PENDING_PAYMENT_MESSAGE, SimulatedPiError } from './errors';
import { PaymentFlow } from './payment-flow';
import { assertPaymentCallbacks, paymentDataProblem } from './validate';
import { createWallet, type SimulatedWallet, type WalletMode } from './wallet';

/** What `Pi.openUrlInSystemBrowser` does for a valid http(s) URL. */
export type OpenUrlBehaviour = 'open' | 'No minimal requirements' | 'Unexpected error';

/**
 * Options of a simulated `window.Pi`. Every Pi behaviour is on by default; these adjust it.
 */
export interface SimulatedPiOptions {
  /** The Pi user (username or uid) the SDK acts for. Required. */
  user: string;
  /** How the wallet decides (default `'approve'`); change it later with `pi.wallet.setMode`. */
  wallet?: WalletMode;
  /** Behave as outside the Pi Browser: `authenticate` never settles, `createPayment` never calls back. Default false. */
  outsidePiBrowser?: boolean;
  /**
   * Whether the app runs in Pi's sandbox (default false). `Pi.init({ sandbox })` must match it
   * (a missing flag counts as false), else `authenticate` rejects with `sandbox_mismatch`.
   */
  sandbox?: boolean;
  /** The callback an expired (unapproved) payment gets: `'error'` (default: `onError(Error("The payment has expired"), payment)`) or `'cancel'` (`onCancel`). */
  expiry?: 'error' | 'cancel';
  /** Overrides the flow timers (default: the network's, else 60 s / 10 s / 60 s). */
  timings?: Partial<SdkTimings>;
  /** What `nativeFeaturesList` resolves with (default all three). Without `ad_network`, ads answer `ADS_NOT_SUPPORTED`. */
  nativeFeatures?: NativeFeature[];
  /** Ads: whether an ad is ready (default true) and how a shown ad ends (default `AD_REWARDED` / `AD_CLOSED`). */
  ads?: { ready?: boolean; rewardedResult?: Extract<ShowAdResponse, { type: 'rewarded' }>['result'] };
  /** What `openUrlInSystemBrowser` does with a valid URL (default `'open'`: resolves). */
  openUrl?: OpenUrlBehaviour;
}

/**
 * A simulated Pi SDK for one user: a `PiSdk` (the shape of `window.Pi`) plus its wallet.
 */
export interface SimulatedPi extends PiSdk {
  /** The user (as given in the options) the SDK acts for. */
  readonly user: string;
  /** The user's simulated Pi Wallet. */
  readonly wallet: SimulatedWallet;
  /** Stops every payment flow's timers and watchers (no more callbacks) and uninstalls it from `globalThis.Pi`. */
  dispose(): void;
}

interface SessionState {
  auth: AuthResult;
  scopes: Scope[];
  onIncompletePaymentFound: ((payment: PaymentDTO) => void) | undefined;
}

const ALL_FEATURES: NativeFeature[] = ['inline_media', 'request_permission', 'ad_network'];
const AD_TYPES: readonly AdType[] = ['interstitial', 'rewarded'];

/**
 * Builds a simulated `window.Pi` on `backend`. Used by `createSimulatedPi` and the
 * browser script. Throws `SimulatedPiError` `invalid_argument` without `options.user`.
 */
export function createSdk(backend: SdkBackend, options: SimulatedPiOptions): SimulatedPi {
  if (typeof options?.user !== 'string' || options.user === '') {
    throw new SimulatedPiError('invalid_argument', 'createSimulatedPi needs { user }: the username or uid the SDK acts for.');
  }
  const { user } = options;
  const { wallet, driver: walletDriver } = createWallet(options.wallet ?? 'approve');
  const flows = new Map<string, PaymentFlow>();
  let initialized = false;
  let initSandbox = false;
  let session: SessionState | undefined;
  let timingsPromise: Promise<SdkTimings> | undefined;

  const log = (name: string, details?: unknown, kind: SdkLogEntry['kind'] = 'sdk', paymentId?: string) => {
    const entry: SdkLogEntry = { kind, name, user };
    if (paymentId !== undefined) entry.paymentId = paymentId;
    if (details !== undefined) entry.details = details;
    backend.log(entry);
  };
  const notInitialized = () => new SimulatedPiError('sdk_not_initialized', NOT_INITIALIZED_MESSAGE);
  const assertInitialized = () => {
    if (!initialized) throw notInitialized();
  };
  const timings = () =>
    (timingsPromise ??= backend
      .timings()
      .catch(() => DEFAULT_SDK_TIMINGS)
      .then((base) => ({ ...base, ...definedOnly(options.timings) })));
  const never = <T>() => new Promise<T>(() => undefined);

  const sdk: SimulatedPi = {
    user,
    wallet,

    init(initOptions: PiInitOptions) {
      if (initOptions?.version !== '2.0') {
        throw new SimulatedPiError(
          'unsupported_sdk_version',
          `Unsupported Pi SDK version ${JSON.stringify(initOptions?.version)}: call Pi.init({ version: "2.0" }).`,
        );
      }
      initialized = true;
      initSandbox = initOptions.sandbox === true;
      log('init', { version: initOptions.version, sandbox: initSandbox });
    },

    async authenticate(scopes, onIncompletePaymentFound) {
      assertInitialized();
      if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string')) {
        throw new SimulatedPiError('invalid_scopes', 'Pi.authenticate needs an array of scopes, e.g. ["username", "payments"].');
      }
      log('authenticate', { scopes });
      if (options.outsidePiBrowser) return never<AuthResult>();
      const environmentSandbox = options.sandbox === true;
      if (initSandbox !== environmentSandbox) {
        throw new SimulatedPiError(
          'sandbox_mismatch',
          environmentSandbox
            ? 'Authentication failed: the app runs in the Pi sandbox but Pi.init was called without sandbox: true. Call Pi.init({ version: "2.0", sandbox: true }) in development.'
            : "Authentication failed: Pi.init was called with sandbox: true but the app does not run in the Pi sandbox. Use sandbox: true only in Pi's sandbox (sandbox.minepi.com); with the simulator, either remove it or make the simulator a sandbox too (`/pi-sdk.js?sandbox=true`, or `createSimulatedPi(network, { sandbox: true })`).",
        );
      }
      const auth = await backend.authenticate(user, scopes);
      session = {
        auth,
        scopes: [...scopes],
        onIncompletePaymentFound: typeof onIncompletePaymentFound === 'function' ? onIncompletePaymentFound : undefined,
      };
      const incomplete = await backend.incompletePaymentOf(user);
      if (incomplete) callIncomplete(incomplete);
      return structuredClone(auth);
    },

    createPayment(data: PaymentData, callbacks: PaymentCallbacks) {
      assertInitialized();
      assertPaymentCallbacks(callbacks);
      log('createPayment', { data: jsonSafe(data) });
      if (options.outsidePiBrowser) return;
      void startPayment(data, callbacks);
    },

    openShareDialog(title, message) {
      assertInitialized();
      if (typeof title !== 'string' || typeof message !== 'string') {
        throw new SimulatedPiError('invalid_argument', 'Pi.openShareDialog(title, message) needs two strings.');
      }
      log('openShareDialog', { title, message });
    },

    async nativeFeaturesList() {
      assertInitialized();
      return [...(options.nativeFeatures ?? ALL_FEATURES)];
    },

    async openUrlInSystemBrowser(url) {
      assertInitialized();
      log('openUrlInSystemBrowser', { url });
      if (!isHttpUrl(url)) throw new SimulatedPiError('open_url_failed', 'Failed to open URL');
      const behaviour = options.openUrl ?? 'open';
      if (behaviour !== 'open') throw new SimulatedPiError('open_url_failed', behaviour);
    },

    Ads: {
      async showAd(type) {
        assertInitialized();
        assertAdType(type);
        log('Ads.showAd', { type });
        if (!adsSupported()) return adsNotSupported(type);
        if (options.ads?.ready === false) return { type, result: 'AD_NOT_AVAILABLE' } as ShowAdResponse;
        if (type === 'interstitial') return { type, result: 'AD_CLOSED' };
        const result = options.ads?.rewardedResult ?? 'AD_REWARDED';
        if (result !== 'AD_REWARDED') return { type, result };
        if (!session) return { type, result: 'USER_UNAUTHENTICATED' };
        const { adId } = await backend.showAd(user, type);
        return adId ? { type, result, adId } : { type, result };
      },
      async isAdReady(type) {
        assertInitialized();
        assertAdType(type);
        return { type, ready: adsSupported() && options.ads?.ready !== false };
      },
      async requestAd(type) {
        assertInitialized();
        assertAdType(type);
        if (!adsSupported()) return { type, result: 'AD_NOT_AVAILABLE' };
        return { type, result: options.ads?.ready === false ? 'AD_FAILED_TO_LOAD' : 'AD_LOADED' };
      },
    },

    dispose() {
      for (const flow of [...flows.values()]) flow.stop();
      flows.clear();
      const global = globalThis as { Pi?: unknown };
      if (global.Pi === sdk) delete global.Pi;
    },
  };

  function callIncomplete(payment: PaymentDTO): void {
    log('onIncompletePaymentFound', [payment], 'callback', payment.identifier);
    try {
      session?.onIncompletePaymentFound?.(structuredClone(payment));
    } catch (error) {
      log('callback_threw', { callback: 'onIncompletePaymentFound', message: String(error) }, 'sdk', payment.identifier);
    }
  }

  function callError(callbacks: PaymentCallbacks, error: Error, payment?: PaymentDTO): void {
    log('onError', payment ? [{ error: error.message }, payment] : [{ error: error.message }], 'callback', payment?.identifier);
    try {
      if (payment) callbacks.onError(error, structuredClone(payment));
      else callbacks.onError(error);
    } catch (thrown) {
      log('callback_threw', { callback: 'onError', message: String(thrown) });
    }
  }

  async function startPayment(data: PaymentData, callbacks: PaymentCallbacks): Promise<void> {
    const problem = paymentDataProblem(data);
    if (problem) return callError(callbacks, problem);
    if (!session?.scopes.includes('payments')) {
      return callError(
        callbacks,
        new SimulatedPiError(
          'missing_payments_scope',
          'Cannot create a payment without the "payments" scope: call Pi.authenticate(["payments", …], onIncompletePaymentFound) first.',
        ),
      );
    }
    try {
      const incomplete = await backend.incompletePaymentOf(user);
      if (incomplete) {
        callError(callbacks, new SimulatedPiError('pending_payment', PENDING_PAYMENT_MESSAGE), incomplete);
        callIncomplete(incomplete);
        return;
      }
      // Concurrent payments, rule 1 (payments.md): Pi's servers cancel an open payment without a
      // transaction when a new one is created (reason `replaced`); its flow here gets `onCancel` first.
      const open = await backend.openPaymentOf(user);
      const payment = await backend.createPayment(user, { amount: data.amount, memo: data.memo, metadata: data.metadata });
      if (open && open.identifier !== payment.identifier) {
        const replaced = await backend.paymentState(open.identifier);
        if (replaced) flows.get(open.identifier)?.update(replaced);
      }
      const flow = new PaymentFlow(
        {
          backend,
          wallet: walletDriver,
          timings: await timings(),
          user,
          expiry: options.expiry ?? 'error',
          onEnd: (ended) => flows.delete(ended.paymentId),
        },
        payment,
        callbacks,
      );
      flows.set(payment.identifier, flow);
      flow.start();
    } catch (error) {
      const pending = pendingPaymentOf(error);
      if (pending) {
        callError(callbacks, new SimulatedPiError('pending_payment', PENDING_PAYMENT_MESSAGE), pending);
        callIncomplete(pending);
        return;
      }
      callError(
        callbacks,
        error instanceof Error
          ? error
          : new SimulatedPiError('payment_creation_failed', 'The payment could not be created.', { cause: error }),
      );
    }
  }

  function adsSupported(): boolean {
    return (options.nativeFeatures ?? ALL_FEATURES).includes('ad_network');
  }

  return sdk;
}

/** The existing payment of an `ongoing_payment_found` refusal (concurrent payments, rule 2), if that is what `error` is. */
function pendingPaymentOf(error: unknown): PaymentDTO | undefined {
  const { code, payment } = (error ?? {}) as { code?: unknown; payment?: PaymentDTO };
  return code === 'ongoing_payment_found' && payment?.transaction ? payment : undefined;
}

function adsNotSupported(type: AdType): ShowAdResponse {
  return type === 'rewarded' ? { type, result: 'ADS_NOT_SUPPORTED' } : { type, result: 'AD_NOT_AVAILABLE' };
}

function assertAdType(type: unknown): asserts type is AdType {
  if (!AD_TYPES.includes(type as AdType)) {
    throw new SimulatedPiError('invalid_argument', `Unknown ad type ${JSON.stringify(type)}: use "interstitial" or "rewarded".`);
  }
}

function isHttpUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function jsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value ?? null));
  } catch {
    return String(value);
  }
}
