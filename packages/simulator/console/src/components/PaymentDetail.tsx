/** One payment: its fields, status flags, actions, and the timeline of everything that touched it. */
import { type ConsolePayment, describeEvent, isOpen, PHASE_LABELS, phaseOf, type SimEvent, sourceOf, timelineOf } from '../model';
import { useAction } from '../use-action';

const FLAGS = ['developer_approved', 'transaction_verified', 'developer_completed', 'cancelled', 'user_cancelled'] as const;

export function PaymentDetail({ payment, user, events }: { payment: ConsolePayment; user: string; events: SimEvent[] }) {
  const { run, busy } = useAction();
  const timeline = timelineOf(events, payment.identifier);
  const start = timeline[0]?.at ?? 0;
  const phase = phaseOf(payment);
  const canChange = isOpen(payment) && payment.direction === 'user_to_app' && !payment.transaction;

  return (
    <article className="detail" data-testid="payment-detail" data-payment-id={payment.identifier} aria-labelledby="detail-title">
      <h2 id="detail-title" className="mono">
        {payment.identifier}
      </h2>
      <p>
        <span className={`badge ${phase}`} data-testid="detail-state">
          {PHASE_LABELS[phase]}
        </span>{' '}
        {payment.direction === 'user_to_app' ? 'U2A' : 'A2U'} · {user} · <strong>{payment.amount} π</strong>
        {payment.cancel_reason ? ` · reason: ${payment.cancel_reason}` : ''}
      </p>
      <p className="muted">
        memo “{payment.memo}” · metadata {JSON.stringify(payment.metadata)}
      </p>
      <ul className="flags" aria-label="Status flags">
        {FLAGS.map((flag) => (
          <li
            key={flag}
            className={payment.status[flag] ? 'on' : 'off'}
            data-testid={`flag-${flag}`}
            data-value={String(payment.status[flag])}
          >
            {payment.status[flag] ? '✓' : '·'} {flag}
          </li>
        ))}
      </ul>
      {payment.transaction && (
        <p className="muted mono wrap" title={payment.transaction._link}>
          txid {payment.transaction.txid}
        </p>
      )}
      {canChange && (
        <div className="row">
          <button
            type="button"
            disabled={busy}
            data-testid="expire-payment"
            onClick={() => run('expire', { paymentId: payment.identifier }, 'The payment expired.')}
          >
            Expire now
          </button>
          <button
            type="button"
            disabled={busy}
            data-testid="user-cancel"
            onClick={() => run('user-cancel', { paymentId: payment.identifier }, 'The user cancelled the payment.')}
          >
            User cancels
          </button>
        </div>
      )}
      <h3>Timeline</h3>
      <ol className="timeline" data-testid="timeline">
        {timeline.map((event) => {
          const source = sourceOf(event);
          const failed = event.type === 'api.call' && (event.status === 0 || event.status >= 400);
          return (
            <li
              key={event.seq}
              data-testid="timeline-entry"
              data-type={event.type}
              data-source={source}
              className={failed ? 'failed' : undefined}
            >
              <span className="time">+{((event.at - start) / 1000).toFixed(2)} s</span>
              <span className={`source ${source.replace(' ', '-')}`}>{source}</span>
              <span className="text">{describeEvent(event, payment.identifier)}</span>
            </li>
          );
        })}
      </ol>
    </article>
  );
}
