/**
 * The visible payment flow UI of the browser script, in the states of Pi's payment flow
 * (payments.md, "The Payment flow"; docs/PI-PLATFORM.md):
 *
 * | `data-state`          | when                                                   | buttons                 |
 * | --------------------- | ------------------------------------------------------ | ----------------------- |
 * | `awaiting_approval`   | from `createPayment` until the app's server approves   | disabled                |
 * | `review`              | approved: the user decides                             | "Approve & sign", "Reject" |
 * | `submitting`          | signed: the transaction goes to the blockchain         | disabled                |
 * | `awaiting_completion` | on the blockchain, until the app's server completes it | disabled                |
 * | `insufficient_funds`, `failed`, `incomplete` | the outcome, until the user closes it | "Close"        |
 *
 * It closes when the payment is completed, rejected or cancelled (by the app, or Pi at expiry).
 * A view of a manual `SimulatedWallet`: the buttons call `wallet.approve(id)` / `wallet.reject(id)`.
 *
 * Stable selectors (for browser tests): `[data-testid="pi-wallet-dialog"]` (present only while
 * open; `data-payment-id` holds the payment id, `data-state` the state), `pi-wallet-amount`,
 * `pi-wallet-memo`, `pi-wallet-balance`, `pi-wallet-status` (what the flow waits for),
 * `pi-wallet-approve`, `pi-wallet-reject`, `pi-wallet-message` (present only with a message).
 */
import type { PaymentDTO } from '@pi-kit/core';
import type { SimulatedWallet, WalletStage } from '../sdk/wallet';

/** A state of the dialog while the payment is open. */
type OpenState = WalletStage | 'review';

interface Entry {
  payment: PaymentDTO;
  balance: number;
  state: OpenState;
}

const STATUS: Record<OpenState, string> = {
  awaiting_approval: 'Waiting for the app to approve this payment…',
  review: '',
  submitting: 'Submitting the transaction to the Pi blockchain…',
  awaiting_completion: 'Paid. Waiting for the app to complete the payment…',
};

/** Mounts the dialog on `doc.body`; returns the function that unmounts it. */
export function mountWalletDialog(wallet: SimulatedWallet, doc: Document = document): () => void {
  const entries = new Map<string, Entry>();
  let shown: { id: string; state: OpenState; root: HTMLElement } | undefined;
  /** Payments whose outcome must stay on screen (insufficient funds after signing, failure, incomplete). */
  let notice: { id: string; root: HTMLElement } | undefined;

  const close = () => {
    shown?.root.remove();
    shown = undefined;
  };

  const render = () => {
    if (notice) return;
    const next = entries.entries().next();
    if (next.done) return close();
    const [id, entry] = next.value;
    if (shown?.id === id && shown.state === entry.state) return;
    close();
    const insufficient = entry.state === 'review' && Number.isFinite(entry.balance) && entry.balance < entry.payment.amount;
    const root = build(
      doc,
      entry,
      insufficient ? 'insufficient_funds' : entry.state,
      insufficient ? insufficientMessage(entry.balance, entry.payment.amount) : undefined,
    );
    const approve = byTestId(root, 'pi-wallet-approve');
    const reject = byTestId(root, 'pi-wallet-reject');
    if (entry.state === 'review') {
      approve.addEventListener('click', () => {
        approve.disabled = true;
        reject.disabled = true;
        decide(() => wallet.approve(id));
      });
      reject.addEventListener('click', () => {
        approve.disabled = true;
        reject.disabled = true;
        decide(() => wallet.reject(id));
      });
    }
    doc.body.appendChild(root);
    shown = { id, state: entry.state, root };
  };

  const decide = (act: () => void) => {
    try {
      act();
    } catch {
      // the payment is no longer pending (cancelled meanwhile): the settled event closes the dialog
    }
  };

  const unsubscribe = wallet.subscribe((event) => {
    if (event.type === 'progress') {
      const known = entries.get(event.paymentId);
      entries.set(event.paymentId, { payment: event.payment, balance: known?.balance ?? Number.NaN, state: event.stage });
      render();
      return;
    }
    if (event.type === 'review') {
      entries.set(event.review.payment.identifier, { ...event.review, state: 'review' });
      render();
      return;
    }
    if (event.outcome === 'signed') return; // the flow stays open: `awaiting_completion` follows
    const entry = entries.get(event.paymentId);
    entries.delete(event.paymentId);
    if ((event.outcome === 'insufficient_funds' || event.outcome === 'failed' || event.outcome === 'incomplete') && entry) {
      if (shown?.id === event.paymentId) close();
      notice?.root.remove();
      const message =
        event.outcome === 'insufficient_funds'
          ? insufficientMessage(entry.balance, entry.payment.amount)
          : event.outcome === 'incomplete'
            ? 'The app has not completed this payment yet. Your π was sent; the app completes the payment later.'
            : `The payment failed: ${event.message ?? 'unknown error'}`;
      const root = build(doc, entry, event.outcome, message);
      byTestId(root, 'pi-wallet-reject').addEventListener('click', () => {
        root.remove();
        notice = undefined;
        render();
      });
      doc.body.appendChild(root);
      notice = { id: event.paymentId, root };
      return;
    }
    if (shown?.id === event.paymentId) close();
    render();
  });

  for (const payment of wallet.pending()) {
    entries.set(payment.identifier, { payment, balance: Number.NaN, state: 'review' });
  }
  render();

  return () => {
    unsubscribe();
    close();
    notice?.root.remove();
    notice = undefined;
  };
}

function insufficientMessage(balance: number, amount: number): string {
  const shownBalance = Number.isFinite(balance) ? `${formatPi(balance)} π` : 'too low';
  return `Insufficient funds: your balance is ${shownBalance}, this payment needs ${formatPi(amount)} π plus the network fee.`;
}

function formatPi(amount: number): string {
  return String(Number(amount.toFixed(7)));
}

function build(
  doc: Document,
  entry: Entry,
  state: OpenState | 'insufficient_funds' | 'failed' | 'incomplete',
  message: string | undefined,
): HTMLElement {
  const { payment, balance } = entry;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, testId: string | null, text: string, style = '') => {
    const node = doc.createElement(tag);
    if (testId) node.setAttribute('data-testid', testId);
    node.textContent = text;
    if (style) node.setAttribute('style', style);
    return node;
  };
  const overlay = doc.createElement('div');
  overlay.setAttribute('data-testid', 'pi-wallet-dialog');
  overlay.setAttribute('data-payment-id', payment.identifier);
  overlay.setAttribute('data-state', state);
  overlay.setAttribute('role', 'dialog');
  overlay.setAttribute('aria-modal', 'true');
  overlay.setAttribute('aria-label', 'Pi Wallet');
  overlay.setAttribute(
    'style',
    'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;background:rgba(20,10,40,.55);font-family:system-ui,sans-serif',
  );
  const card = el(
    'div',
    null,
    '',
    'background:#fff;color:#222;border-radius:12px;padding:20px 24px;min-width:280px;max-width:90vw;box-shadow:0 8px 32px rgba(0,0,0,.3)',
  );
  card.append(
    el('h2', null, 'Pi Wallet (simulated)', 'margin:0 0 12px;font-size:18px;color:#5b2a86'),
    el('div', 'pi-wallet-amount', `${formatPi(payment.amount)} π`, 'font-size:28px;font-weight:700;margin-bottom:4px'),
    el('div', 'pi-wallet-memo', payment.memo, 'margin-bottom:8px'),
    el(
      'div',
      'pi-wallet-balance',
      Number.isFinite(balance) ? `Balance: ${formatPi(balance)} π` : '',
      'font-size:13px;color:#666;margin-bottom:12px',
    ),
  );
  const status = state in STATUS ? STATUS[state as OpenState] : '';
  if (status) {
    const line = el('div', 'pi-wallet-status', status, 'color:#5b2a86;margin-bottom:12px');
    line.setAttribute('role', 'status');
    line.setAttribute('aria-live', 'polite');
    card.append(line);
  }
  if (message !== undefined) {
    const note = el('div', 'pi-wallet-message', message, 'color:#b00020;margin-bottom:12px');
    note.setAttribute('role', 'alert');
    card.append(note);
  }
  const buttons = el('div', null, '', 'display:flex;gap:8px;justify-content:flex-end');
  const reject = el('button', 'pi-wallet-reject', message === undefined ? 'Reject' : 'Close', 'padding:8px 14px');
  const approve = el(
    'button',
    'pi-wallet-approve',
    'Approve & sign',
    'padding:8px 14px;background:#5b2a86;color:#fff;border:0;border-radius:6px',
  );
  reject.type = 'button';
  approve.type = 'button';
  // Only a payment under review can be signed or rejected; an outcome can only be closed.
  approve.disabled = state !== 'review';
  reject.disabled = state !== 'review' && message === undefined;
  for (const button of [approve, reject]) if (button.disabled) button.style.cssText += ';opacity:.45;cursor:not-allowed';
  buttons.append(reject, approve);
  card.append(buttons);
  overlay.append(card);
  return overlay;
}

function byTestId(root: HTMLElement, testId: string): HTMLButtonElement {
  return root.querySelector(`[data-testid="${testId}"]`) as HTMLButtonElement;
}
