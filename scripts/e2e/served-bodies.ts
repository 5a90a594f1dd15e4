/**
 * "The browser never receives a secret": records the body of every response a page
 * receives from the example's origin, and checks that none contains a secret (an API key,
 * a wallet seed). Also stubs Pi's SDK host, which the machine cannot reach, recording
 * which scripts the page asked for. Shared by every example's real-Pi browser tests.
 */
import type { Page } from 'playwright-core';

/** One response the page received. */
export interface ServedBody {
  url: string;
  body: string;
}

/** What {@link recordServedBodies} collected. */
export interface ServedBodies {
  /** Every body received from `origin` so far (waits for bodies still being read). */
  all(): Promise<ServedBody[]>;
  /**
   * Throws if any body received so far contains one of `secrets` (label → value); the error
   * names the secret's label and the response's URL, never the secret itself.
   * Resolves the bodies checked.
   */
  assertAbsent(secrets: Record<string, string>): Promise<ServedBody[]>;
}

/** Starts recording the responses `page` receives from `origin` (call before `page.goto`). */
export function recordServedBodies(page: Page, origin: string): ServedBodies {
  const pending: Array<Promise<ServedBody>> = [];
  page.on('response', (response) => {
    if (response.url().startsWith(origin)) {
      pending.push(
        response.text().then(
          (body) => ({ url: response.url(), body }),
          () => ({ url: response.url(), body: '' }),
        ),
      );
    }
  });
  const all = () => Promise.all(pending);
  return {
    all,
    async assertAbsent(secrets) {
      const served = await all();
      for (const [label, secret] of Object.entries(secrets)) {
        if (!secret) throw new Error(`assertAbsent: the secret "${label}" is empty; nothing would be checked.`);
        for (const { url, body } of served) {
          if (body.includes(secret)) throw new Error(`The browser received ${label} in the response of ${url}.`);
        }
      }
      return served;
    },
  };
}

/** Pi's SDK script as real-Pi mode loads it. */
export const PI_SDK_SCRIPT = 'https://sdk.minepi.com/pi-sdk.js';

/** Aborts every request to Pi's SDK host (no network here) and records their URLs. */
export async function stubPiSdkHost(page: Page): Promise<string[]> {
  const requested: string[] = [];
  await page.route('https://sdk.minepi.com/**', (route) => {
    requested.push(route.request().url());
    return route.abort();
  });
  return requested;
}
