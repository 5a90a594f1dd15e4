import type { LiveNetwork } from '../use-network';
import { formatMs, type ConsoleState } from '../model';

export function Header({ state, connection }: { state: ConsoleState | null; connection: LiveNetwork['connection'] }) {
  const offset = state?.scenarios.clockOffsetMs ?? 0;
  return (
    <header className="header">
      <h1>
        pi-sim <span>console</span>
      </h1>
      <dl className="facts">
        <div>
          <dt>Network</dt>
          <dd data-testid="network-name">{state?.network ?? '…'}</dd>
        </div>
        <div>
          <dt>Clock</dt>
          <dd data-testid="network-clock">
            {state ? new Date(state.now).toISOString().replace('T', ' ').slice(0, 19) : '…'}
            {offset > 0 ? ` (+${formatMs(offset)})` : ''}
          </dd>
        </div>
        <div>
          <dt>App wallet</dt>
          <dd data-testid="app-balance">{state ? `${state.app.balance} π` : '…'}</dd>
        </div>
      </dl>
      <p className={`connection ${connection}`} data-testid="connection" aria-live="polite">
        {connection === 'live' ? 'live' : connection === 'connecting' ? 'connecting…' : 'reconnecting…'}
      </p>
    </header>
  );
}
