/** The payments (U2A and A2U), filterable by user and state, and the selected one's details and timeline. */
import { useState } from 'react';
import { type ConsolePayment, type ConsoleState, PHASE_LABELS, type PaymentPhase, phaseOf, type SimEvent, short } from '../model';
import { PaymentDetail } from './PaymentDetail';
import { Select } from './Select';

export function Payments({ state, events }: { state: ConsoleState | null; events: SimEvent[] }) {
  const [user, setUser] = useState('');
  const [phase, setPhase] = useState<'' | PaymentPhase>('');
  const [selected, setSelected] = useState<string | null>(null);
  const names = new Map(state?.users.map((u) => [u.uid, u.username]));
  const payments = (state?.payments ?? [])
    .filter((p) => (user === '' || p.user_uid === user) && (phase === '' || phaseOf(p) === phase))
    .reverse();
  const current = state?.payments.find((p) => p.identifier === selected) ?? null;

  return (
    <div className="split">
      <div className="list-pane">
        <fieldset className="filters">
          <legend className="sr-only">Filter payments</legend>
          <Select
            label="User"
            value={user}
            onChange={setUser}
            options={[['', 'all'], ...(state?.users.map((u) => [u.uid, u.username] as const) ?? [])]}
            testId="filter-user"
          />
          <Select<'' | PaymentPhase>
            label="State"
            value={phase}
            onChange={setPhase}
            options={[['', 'all'], ...(Object.entries(PHASE_LABELS) as Array<[PaymentPhase, string]>)]}
            testId="filter-state"
          />
        </fieldset>
        <div className="scroll">
          <table className="table" data-testid="payments">
            <caption className="sr-only">Payments, newest first. Choose one to see its timeline.</caption>
            <thead>
              <tr>
                <th scope="col" style={{ width: '30%' }}>
                  Payment
                </th>
                <th scope="col" style={{ width: '18%' }}>
                  User
                </th>
                <th scope="col" className="num" style={{ width: '22%' }}>
                  Amount
                </th>
                <th scope="col" style={{ width: '30%' }}>
                  State
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <PaymentRow
                  key={p.identifier}
                  payment={p}
                  user={names.get(p.user_uid) ?? short(p.user_uid, 8)}
                  selected={p.identifier === selected}
                  onSelect={setSelected}
                />
              ))}
            </tbody>
          </table>
          {payments.length === 0 && <p className="empty">No payments{user || phase ? ' match these filters' : ' yet'}.</p>}
        </div>
      </div>
      <div className="detail-pane">
        {current ? (
          <PaymentDetail payment={current} user={names.get(current.user_uid) ?? current.user_uid} events={events} />
        ) : (
          <p className="empty">Choose a payment to see its timeline.</p>
        )}
      </div>
    </div>
  );
}

function PaymentRow(props: { payment: ConsolePayment; user: string; selected: boolean; onSelect: (id: string) => void }) {
  const { payment, user, selected } = props;
  const phase = phaseOf(payment);
  return (
    <tr className={selected ? 'selected' : undefined} data-testid="payment-row" data-payment-id={payment.identifier} data-state={phase}>
      <td>
        <button
          type="button"
          className="link mono"
          aria-pressed={selected}
          onClick={() => props.onSelect(payment.identifier)}
          title={payment.identifier}
        >
          {short(payment.identifier, 12)}
        </button>
        <span className="tag">{payment.direction === 'user_to_app' ? 'U2A' : 'A2U'}</span>
      </td>
      <td>{user}</td>
      <td className="num">{payment.amount} π</td>
      <td>
        <span className={`badge ${phase}`}>{PHASE_LABELS[phase]}</span>
      </td>
    </tr>
  );
}
