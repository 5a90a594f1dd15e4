/**
 * The pi-sim console: the network live (users, payments with their timelines, the ledger, the
 * event log) and the scenarios that make the hard cases happen.
 */
import { useMemo, useState } from 'react';
import { Events } from './components/Events';
import { Header } from './components/Header';
import { Ledger } from './components/Ledger';
import { Payments } from './components/Payments';
import { Scenarios } from './components/Scenarios';
import { Tabs } from './components/Tabs';
import { Users } from './components/Users';
import { ActionContext, useActions } from './use-action';
import { useNetwork } from './use-network';

type Tab = 'payments' | 'ledger' | 'events';

export function App() {
  const network = useNetwork();
  const { run, busy, status } = useActions(network.refresh);
  const [tab, setTab] = useState<Tab>('payments');
  const { state, events } = network;
  const actions = useMemo(() => ({ run, busy }), [run, busy]);

  return (
    <ActionContext.Provider value={actions}>
      <Header state={state} connection={network.connection} />
      <div className="layout">
        <aside className="sidebar" aria-label="Users and scenarios">
          <Users state={state} />
          <Scenarios state={state} />
          <p className={`status ${status?.kind ?? ''}`} role="status" aria-live="polite" data-testid="console-status">
            {status?.text ?? ''}
          </p>
        </aside>
        <main className="main">
          <Tabs
            label="Views"
            value={tab}
            onChange={setTab}
            tabs={[
              { id: 'payments', label: `Payments (${state?.payments.length ?? 0})` },
              { id: 'ledger', label: `Ledger (${state?.transactions.length ?? 0})` },
              { id: 'events', label: `Events (${events.length})` },
            ]}
          />
          <section className="panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'payments' && <Payments state={state} events={events} />}
            {tab === 'ledger' && <Ledger state={state} />}
            {tab === 'events' && <Events events={events} />}
          </section>
        </main>
      </div>
    </ActionContext.Provider>
  );
}
