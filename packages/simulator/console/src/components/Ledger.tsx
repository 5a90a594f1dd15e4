/** The ledger: every transaction with its memo, amounts and fee. */
import { type ConsoleState, short } from '../model';

export function Ledger({ state }: { state: ConsoleState | null }) {
  const names = new Map<string, string>(state?.users.map((u) => [u.walletAddress, u.username]));
  if (state) names.set(state.app.walletAddress, 'app');
  const who = (address: string) => names.get(address) ?? short(address, 8);
  const transactions = [...(state?.transactions ?? [])].reverse();
  return (
    <div className="scroll">
      <table className="table" data-testid="ledger">
        <caption className="sr-only">Ledger transactions, newest first.</caption>
        <thead>
          <tr>
            <th scope="col">Ledger</th>
            <th scope="col">Transaction</th>
            <th scope="col">Payment</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Fee
            </th>
            <th scope="col">Memo</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {transactions.map((tx) => (
            <tr key={tx.hash} data-testid="ledger-row">
              <td className="num">{tx.ledger}</td>
              <td className="mono" title={tx.hash}>
                {short(tx.hash, 12)}
              </td>
              <td>{tx.operations.map((op) => `${who(op.from)} → ${who(op.to)}`).join(', ')}</td>
              <td className="num">{tx.operations.reduce((sum, op) => sum + op.amount, 0)} π</td>
              <td className="num">{tx.feeCharged / 1e7} π</td>
              <td className="mono">{tx.memo ?? ''}</td>
              <td>{tx.successful ? 'applied' : 'failed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {transactions.length === 0 && <p className="empty">No transactions yet.</p>}
    </div>
  );
}
