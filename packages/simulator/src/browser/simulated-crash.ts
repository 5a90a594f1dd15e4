/**
 * The browser side of the "leave incomplete" scenario: right after the user signed, the page
 * "crashes". A notice says so, then the page reloads, losing everything the app held in memory,
 * as a closed Pi Browser tab would. The payment stays signed and incomplete on the network until
 * the app finds it at the next sign-in (`onIncompletePaymentFound`).
 */

/** How long the notice shows before the reload, in ms. */
export const CRASH_RELOAD_DELAY_MS = 3_000;

/** Shows the crash notice over the page and reloads it after {@link CRASH_RELOAD_DELAY_MS}. */
export function simulateCrash(doc: Document, paymentId: string): void {
  const notice = doc.createElement('div');
  notice.setAttribute('role', 'alert');
  notice.dataset.testid = 'pi-sim-crash';
  notice.style.cssText =
    'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;' +
    'background:rgba(20,16,32,.92);color:#fff;font:16px/1.5 system-ui,sans-serif;padding:24px;text-align:center';
  notice.textContent = `Simulated crash (pi-sim scenario "leave incomplete"): the page closed right after payment ${paymentId} was signed. Reloading… Sign in again to see the app recover the payment.`;
  doc.body.append(notice);
  setTimeout(() => doc.defaultView?.location.reload(), CRASH_RELOAD_DELAY_MS);
}
