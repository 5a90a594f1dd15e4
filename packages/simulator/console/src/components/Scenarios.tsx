/** Scenarios on demand: failing calls, a crash after signing, the clock. */
import { type FormEvent, useState } from 'react';
import type { ConsoleState } from '../model';
import { useAction } from '../use-action';
import { Select } from './Select';

const TARGETS: Array<[string, string]> = [
  ['complete', '/complete (app server)'],
  ['approve', '/approve (app server)'],
  ['cancel', '/cancel (app server)'],
  ['get_payment', 'GET payment (app server)'],
  ['create_payment', 'create A2U payment'],
  ['incomplete_server_payments', 'incomplete A2U payments'],
  ['me', '/me (sign-in check)'],
  ['horizon_submit', 'Horizon: submit'],
  ['horizon', 'Horizon: every call'],
];

const MODES: Array<[string, string]> = [
  ['error', 'answer 500'],
  ['timeout', 'time out (no answer for 30 s)'],
  ['lost_answer', 'lose the answer (done, then dropped)'],
];

export function Scenarios({ state }: { state: ConsoleState | null }) {
  const { run, busy } = useAction();
  const [target, setTarget] = useState('complete');
  const [mode, setMode] = useState('error');
  const [times, setTimes] = useState('1');
  const scenarios = state?.scenarios;

  const fail = (event: FormEvent) => {
    event.preventDefault();
    const label = TARGETS.find(([id]) => id === target)?.[1] ?? target;
    void run('fail', { target, mode, times: Number(times) }, `The next ${times} call(s) to ${label} will fail.`);
  };

  return (
    <section className="card" aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">Scenarios</h2>
      <form className="stack" onSubmit={fail} aria-label="Fail the next calls">
        <h3>Fail the next calls</h3>
        <Select label="Call" value={target} onChange={setTarget} options={TARGETS} testId="fail-target" />
        <Select label="How" value={mode} onChange={setMode} options={MODES} testId="fail-mode" />
        <label>
          Next N calls
          <input type="number" min={1} max={100} value={times} onChange={(e) => setTimes(e.target.value)} data-testid="fail-times" />
        </label>
        <button type="submit" disabled={busy} data-testid="fail-submit">
          Fail them
        </button>
      </form>
      {scenarios && scenarios.failures.length > 0 && (
        <div className="stack">
          <ul className="plain" data-testid="active-failures">
            {scenarios.failures.map((f) => (
              <li key={f.id}>
                {f.label}: {f.mode === 'error' ? `answer ${f.status}` : f.mode.replace('_', ' ')}, {f.used} of {f.times} used
              </li>
            ))}
          </ul>
          <button type="button" disabled={busy} onClick={() => run('clear-failures', {}, 'Every failure scenario stopped.')}>
            Stop failing
          </button>
        </div>
      )}
      <div className="stack">
        <h3>Browser crash</h3>
        <button
          type="button"
          disabled={busy}
          data-testid="leave-incomplete"
          onClick={() => run('leave-incomplete', { times: 1 }, 'The browser will crash right after the next payment is signed.')}
        >
          Leave the next signed payment incomplete
        </button>
        {scenarios && scenarios.crashAfterSigning > 0 && (
          <p className="muted" data-testid="crash-pending">
            {scenarios.crashAfterSigning} crash(es) pending
          </p>
        )}
      </div>
      <div className="stack">
        <h3>Clock</h3>
        <div className="row">
          {[
            [60_000, '+1 min'],
            [600_000, '+10 min'],
            [3_600_000, '+1 h'],
          ].map(([ms, label]) => (
            <button
              key={label}
              type="button"
              disabled={busy}
              data-testid={`advance-${ms}`}
              onClick={() => run('advance-clock', { ms }, `Clock advanced ${label}.`)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}
