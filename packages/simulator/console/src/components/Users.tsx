/** The users with their balances and wallets, the app wallet, and adding a user or changing a balance. */
import { type FormEvent, useState } from 'react';
import { type ConsoleState, short } from '../model';
import { useAction } from '../use-action';

export function Users({ state }: { state: ConsoleState | null }) {
  const { run, busy } = useAction();
  const [username, setUsername] = useState('');
  const [balance, setBalance] = useState('100');

  const addUser = async (event: FormEvent) => {
    event.preventDefault();
    if (await run('add-user', { username, balance: Number(balance) }, `User ${username} added with ${balance} π.`)) setUsername('');
  };

  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <ul className="users" data-testid="users">
        {state?.users.map((user) => (
          <li key={user.uid} data-testid="user" data-username={user.username}>
            <div className="user-line">
              <strong>{user.username}</strong>
              <span className="amount" data-testid="user-balance">
                {user.balance} π
              </span>
            </div>
            <div className="muted mono" title={`uid ${user.uid}\nwallet ${user.walletAddress}`}>
              wallet {short(user.walletAddress, 12)}
            </div>
            <div className="row">
              <button
                type="button"
                disabled={busy}
                onClick={() => run('balance', { who: user.username, add: 100 }, `${user.username}: +100 π.`)}
              >
                +100 π <span className="sr-only">to {user.username}</span>
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => run('balance', { who: user.username, balance: 0 }, `${user.username}'s wallet drained.`)}
              >
                Drain <span className="sr-only">{user.username}</span>
              </button>
            </div>
          </li>
        ))}
        {state && (
          <li data-testid="app-wallet">
            <div className="user-line">
              <strong>App wallet</strong>
              <span className="amount">{state.app.balance} π</span>
            </div>
            <div className="muted mono" title={state.app.walletAddress}>
              {short(state.app.walletAddress, 12)}
            </div>
          </li>
        )}
      </ul>
      <form className="inline-form" onSubmit={addUser} aria-label="Add a user">
        <label>
          Username
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            pattern="[A-Za-z0-9_.\-]{1,40}"
            data-testid="add-user-name"
          />
        </label>
        <label>
          Balance (π)
          <input value={balance} onChange={(e) => setBalance(e.target.value)} inputMode="decimal" required data-testid="add-user-balance" />
        </label>
        <button type="submit" disabled={busy} data-testid="add-user">
          Add user
        </button>
      </form>
    </section>
  );
}
