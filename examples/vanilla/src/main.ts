/**
 * The vanilla example: @pi-kit/core only, plain DOM. One client (`createPiClient`);
 * the page renders from its zustand store (`client.store.subscribe`), and each payment
 * handle's `phase` events are logged as they happen.
 */
import { createPiClient, type PaymentPhase, type PiClientState, paymentView } from '@pi-kit/core';
import { PRODUCTS, type Product } from '../shared/catalog';
import { PI_SANDBOX, PI_SDK_URL } from './config';

const PHASE_TEXT: Record<PaymentPhase, string> = {
  idle: '',
  creating: 'Creating the payment…',
  approving: 'The server is approving it…',
  signing: 'Review and sign it in your Pi wallet',
  completing: 'Confirming it with Pi…',
  completed: 'Paid. Thank you!',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html has no #${id}`);
  return found as T;
}

function show(el: HTMLElement, text: string | null): void {
  el.hidden = !text;
  el.textContent = text ?? '';
}

const client = createPiClient({ sdkUrl: PI_SDK_URL, sandbox: PI_SANDBOX });
const phaseLog = element<HTMLOListElement>('phase-log');
const buyButtons: HTMLButtonElement[] = [];

function buy(product: Product): void {
  phaseLog.replaceChildren();
  const handle = client.createPayment({ amount: product.price, memo: product.name, metadata: { productId: product.id } });
  const log = (phase: PaymentPhase) => {
    const item = document.createElement('li');
    item.textContent = phase;
    phaseLog.append(item);
  };
  log(handle.phase); // the phase it started in (`creating`, or `idle` while waiting); then every change
  handle.on('phase', log);
  // The outcome is also in the store (rendered below); this only keeps the rejection handled.
  handle.promise.catch(() => undefined);
}

for (const product of PRODUCTS) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.testid = `buy-${product.id}`;
  button.textContent = `${product.name}: ${product.price} π`;
  button.addEventListener('click', () => buy(product));
  buyButtons.push(button);
  item.append(button);
  element('products').append(item);
}

element('signin').addEventListener('click', () => {
  client.authenticate(['username', 'payments']).catch(() => undefined); // the error is in the store
});
element('reset').addEventListener('click', () => {
  const { isIdle, isPending } = paymentView(client.store.getState());
  if (!isIdle && !isPending) client.resetPayment(); // only a finished payment is forgotten
  phaseLog.replaceChildren();
});

function render(state: PiClientState): void {
  const { auth, payment, incompletePayment } = state;
  const signedIn = auth.status === 'authenticated' && auth.user !== null;
  const signIn = element<HTMLButtonElement>('signin');
  signIn.hidden = signedIn;
  signIn.disabled = auth.status === 'loading';
  signIn.textContent = auth.status === 'loading' ? 'Signing in…' : 'Sign in with Pi';
  show(element('user'), signedIn ? `Signed in as @${auth.user?.username ?? auth.user?.uid}` : null);
  show(element('auth-error'), auth.error?.message ?? null);

  // Pi reported an unfinished payment at sign-in: core sends it to the server's `incomplete` route.
  const recovery = element('recovery');
  if (incompletePayment) {
    const { payment: earlier, status, outcome } = incompletePayment;
    recovery.dataset.status = status;
    recovery.dataset.outcome = outcome ?? '';
    show(
      recovery,
      status === 'recovering'
        ? `Finishing your earlier payment of ${earlier.amount} π…`
        : status === 'resolved'
          ? `Your earlier payment of ${earlier.amount} π was ${outcome === 'completed' ? 'completed' : 'cancelled'}.`
          : `Your earlier payment of ${earlier.amount} π could not be finished yet: ${incompletePayment.error?.message ?? 'try again later'}.`,
    );
  } else {
    show(recovery, null);
  }

  const view = paymentView(state);
  const { phase } = view;
  element('phase').textContent = phase;
  element('phase-text').textContent = PHASE_TEXT[phase];
  element('payment-id').textContent = payment?.paymentId ?? '';
  element('payment-id-row').hidden = !payment?.paymentId;
  element('txid').textContent = payment?.txid ?? '';
  element('txid-row').hidden = !payment?.txid;
  show(element('payment-error'), payment?.error?.message ?? null);
  element('reset').hidden = view.isIdle || view.isPending;
  for (const button of buyButtons) button.disabled = !view.canPay;
}

client.store.subscribe(render);
render(client.store.getState());
client.init().catch(() => undefined); // load window.Pi early; a failure shows in the store
