/**
 * The visible Pi Wallet dialog of the browser script: shows the oldest payment
 * awaiting a decision (amount in π, memo, balance) with "Approve & sign" and
 * "Reject", and the insufficient-funds message. A view of a manual
 * `SimulatedWallet`: the buttons call `wallet.approve(id)` / `wallet.reject(id)`.
 *
 * Stable selectors (for browser tests): `[data-testid="pi-wallet-dialog"]`
 * (present only while open; `data-payment-id` holds the payment id),
 * `pi-wallet-amount`, `pi-wallet-memo`, `pi-wallet-balance`, `pi-wallet-approve`,
 * `pi-wallet-reject`, `pi-wallet-message` (present only with a message).
 *
 * The dialog closes once the transaction is signed and submitted, when the
 * user rejects, or when the payment is cancelled. With insufficient funds it
 * shows the message, disables "Approve & sign" and labels "Reject" "Close".
 */
import type { SimulatedWallet, WalletReview } from '../sdk/wallet';

/** Mounts the dialog on `doc.body`; returns the function that unmounts it. */
export function mountWalletDialog(wallet: SimulatedWallet, doc: Document = document): () => void {
  const reviews = new Map<string, WalletReview>();
  let shown: { id: string; root: HTMLElement } | undefined;
  /** Payments whose outcome must stay on screen (insufficient funds after signing, failure). */
  let notice: { id: string; root: HTMLElement } | undefined;

  const close = () => {
    shown?.root.remove();
    shown = undefined;
  };

  const render = () => {
    if (notice) return;
    const next = reviews.values().next();
    if (next.done) return close();
    if (shown?.id === next.value.payment.identifier) return;
    close();
    const review = next.value;
    const id = review.payment.identifier;
    const insufficient = Number.isFinite(review.balance) && review.balance < review.payment.amount;
    const root = build(doc, review, insufficient ? insufficientMessage(review.balance, review.payment.amount) : undefined);
    const approve = byTestId(root, 'pi-wallet-approve');
    const reject = byTestId(root, 'pi-wallet-reject');
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
    doc.body.appendChild(root);
    shown = { id, root };
  };

  const decide = (act: () => void) => {
    try {
      act();
    } catch {
      // the payment is no longer pending (cancelled meanwhile): the settled event closes the dialog
    }
  };

  const unsubscribe = wallet.subscribe((event) => {
    if (event.type === 'review') {
      reviews.set(event.review.payment.identifier, event.review);
      render();
      return;
    }
    const review = reviews.get(event.paymentId);
    reviews.delete(event.paymentId);
    if ((event.outcome === 'insufficient_funds' || event.outcome === 'failed') && review) {
      if (shown?.id === event.paymentId) close();
      notice?.root.remove();
      const message =
        event.outcome === 'insufficient_funds'
          ? insufficientMessage(review.balance, review.payment.amount)
          : `The payment failed: ${event.message ?? 'unknown error'}`;
      const root = build(doc, review, message);
      const approve = byTestId(root, 'pi-wallet-approve');
      approve.disabled = true;
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
    reviews.set(payment.identifier, { payment, balance: Number.NaN });
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

function build(doc: Document, review: WalletReview, message: string | undefined): HTMLElement {
  const { payment, balance } = review;
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
  if (message !== undefined) approve.disabled = true;
  buttons.append(reject, approve);
  card.append(buttons);
  overlay.append(card);
  return overlay;
}

function byTestId(root: HTMLElement, testId: string): HTMLButtonElement {
  return root.querySelector(`[data-testid="${testId}"]`) as HTMLButtonElement;
}
