import { PiKitError } from '../errors/base';
import { normalizeSdkError } from '../errors/normalize';
import { AuthenticationError, PiBrowserRequiredError } from '../errors/sdk';
import { SIGNED_OUT, type PiClientState } from '../store/state';
import type { AuthResult, Scope } from '../types/auth';
import type { PaymentDTO } from '../types/payment';
import { inFlight } from '../util/in-flight';
import type { ClientContext } from './context';
import { validateScopes } from './scopes';
import type { SdkSession } from './sdk-session';
import { DEV } from '../env/development';

/** The scopes `authenticate()` asks for when called without any. */
export const DEFAULT_SCOPES: Scope[] = ['username', 'payments'];

/** Sign-in of a client. Internal. */
export interface AuthSession {
  authenticate(scopes?: Scope[]): Promise<AuthResult>;
  signOut(): void;
}

/**
 * Creates the sign-in part of a client (Pi SDK reference, `Pi.authenticate`),
 * updating `state.auth`; `onIncompletePaymentFound` receives what the SDK reports.
 */
export function createAuthSession(
  ctx: ClientContext,
  sdk: SdkSession,
  onIncompletePaymentFound: (payment: PaymentDTO) => void,
): AuthSession {
  /** The requests under way, by their sorted scopes. */
  const requests = new Map<string, Promise<AuthResult>>();
  let epoch = 0; // bumped by signOut: answers of older requests are not shown
  const setAuth = (patch: Partial<PiClientState['auth']>) => ctx.store.setState((s) => ({ auth: { ...s.auth, ...patch } }));
  // `state.sdk.notInPiBrowser` is about the host, not the user: set by any request's timeout, cleared by any answer.
  const setNotInPiBrowser = (error: PiBrowserRequiredError | null) => {
    if (ctx.store.getState().sdk.notInPiBrowser !== error) ctx.store.setState((s) => ({ sdk: { ...s.sdk, notInPiBrowser: error } }));
  };

  async function run(scopes: Scope[]): Promise<AuthResult> {
    const mine = epoch;
    const current = () => mine === epoch;
    // A signed-in user stays signed in while they authenticate again (e.g. for another scope),
    // and when that fails: their access token is still valid, and servers verify it anyway.
    const failed = (error: PiKitError) => {
      if (current()) setAuth(ctx.store.getState().auth.status === 'authenticated' ? { error } : { ...SIGNED_OUT, status: 'error', error });
    };
    const pi = await sdk.init().catch((error: PiKitError) => {
      failed(error);
      throw error;
    });
    if (current() && ctx.store.getState().auth.status !== 'authenticated') setAuth({ status: 'loading', error: null });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // A synchronous throw of Pi.authenticate rejects `answer` too.
      const answer = (async () => pi.authenticate(scopes, onIncompletePaymentFound))().then(
        (result) => {
          setNotInPiBrowser(null);
          return result;
        },
        (thrown: unknown) => {
          const error = authenticationFailure(thrown, ctx.authTimeoutMs);
          if (!(error instanceof PiBrowserRequiredError)) setNotInPiBrowser(null); // the Pi Browser answered
          throw error;
        },
      );
      // Outside the Pi Browser the SDK never answers (docs/PI-PLATFORM.md ("The browser SDK")).
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PiBrowserRequiredError(ctx.authTimeoutMs)), ctx.authTimeoutMs);
      });
      const result = await Promise.race([answer, timeout]);
      if (!result || typeof result.accessToken !== 'string' || !result.user || typeof result.user.uid !== 'string') {
        throw new AuthenticationError({
          details: DEV ? 'Pi.authenticate resolved without { accessToken, user: { uid } }.' : 'no accessToken',
        });
      }
      if (current()) setAuth({ status: 'authenticated', user: result.user, accessToken: result.accessToken, scopes, error: null });
      return result;
    } catch (error) {
      const typed = error instanceof PiKitError ? error : new AuthenticationError({ cause: error });
      if (typed instanceof PiBrowserRequiredError) setNotInPiBrowser(typed);
      failed(typed);
      throw typed;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    authenticate(scopes = DEFAULT_SCOPES) {
      let list: Scope[];
      try {
        list = validateScopes(scopes, (message) => ctx.logger.warn(message));
      } catch (error) {
        // Bad input loses nothing: shown in `state.auth` only when nobody is signed in or signing in.
        const { status } = ctx.store.getState().auth;
        if (status === 'idle' || status === 'error') setAuth({ status: 'error', error: error as PiKitError });
        return Promise.reject(error);
      }
      return inFlight(requests, [...list].sort().join(' '), () => run(list));
    },
    signOut() {
      epoch += 1;
      requests.clear();
      ctx.store.setState({ auth: SIGNED_OUT });
    },
  };
}

/**
 * The typed error for what `Pi.authenticate` rejected with: `PiBrowserRequiredError`
 * for the SDK's own messaging timeout outside the Pi Browser ("Messaging promise with
 * id 0 timed out after 60000ms", docs/PI-PLATFORM.md, "The browser SDK" and "Where developers get it wrong"), else `AuthenticationError`.
 */
export function authenticationFailure(thrown: unknown, timeoutMs: number): PiKitError {
  const cause = normalizeSdkError(thrown);
  if (/messaging promise .*timed out/i.test(cause.message)) return new PiBrowserRequiredError(timeoutMs, { cause });
  return new AuthenticationError({ cause });
}
