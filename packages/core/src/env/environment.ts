/**
 * Where the code runs, as far as it can be known synchronously, without waiting
 * for `Pi.authenticate` to hang:
 *
 * - `"server"`: no `window`/`document` (SSR, workers): the SDK cannot load;
 * - `"pi-browser"`: the user agent names the Pi Browser (`PiBrowser`), or the page
 *   is framed (the Pi Browser and the developer portal's sandbox run apps in a frame);
 * - `"browser"`: an ordinary browser, top-level: `authenticate` will most likely
 *   never settle, unless a simulator provides `window.Pi`.
 *
 * A hint only (unofficial heuristics, docs/PI-PLATFORM.md ("The browser SDK", "Where developers get it wrong")): the
 * authoritative signal is `PiBrowserRequiredError` after `authTimeoutMs`.
 */
export type PiEnvironmentHint = 'server' | 'pi-browser' | 'browser';

/** Computes the {@link PiEnvironmentHint} of the current global scope. Never throws. */
export function detectPiEnvironment(): PiEnvironmentHint {
  if (typeof window === 'undefined' || typeof document === 'undefined') return 'server';
  try {
    const agent = typeof navigator !== 'undefined' ? navigator.userAgent : '';
    if (/PiBrowser/i.test(agent)) return 'pi-browser';
    if (window.self !== window.top) return 'pi-browser';
  } catch {
    // Reading window.top across origins throws: we are framed.
    return 'pi-browser';
  }
  return 'browser';
}
