/**
 * The chaos checks can fail: with a store that ignores its compare-and-set (every
 * transition succeeds), concurrent completions deliver twice and the run reports it.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type PaymentStore } from '@pi-kit/server-adapters';
import { runScenarioWith } from './model';

function brokenStore(): PaymentStore {
  const store = createMemoryStore();
  return {
    ...store,
    get: (id) => store.get(id),
    insert: (record) => store.insert(record),
    list: (states) => store.list(states),
    // forgets `from`: any state goes anywhere, so two deliveries both claim the payment
    transition: async (id, tr) =>
      (await store.transition(id, {
        ...tr,
        from: ['approving', 'approved', 'completing', 'completed', 'delivering', 'delivered', 'cancelled', 'refused'],
        owner: undefined,
      })) ?? store.get(id),
  };
}

describe('chaos detection', () => {
  it('reports a double delivery when the store does not serialise claims', async () => {
    const result = await runScenarioWith(brokenStore(), [
      { t: 'pay', tab: 0, price: 3.14, tamper: false },
      { t: 'browserNet', tab: 0, mode: 'down' },
      { t: 'sign', tab: 0 },
      { t: 'replayComplete', tab: 0 },
    ]);
    expect(result.violations.join('\n')).toMatch(/called 2 times|delivered 2 times/);
  });
});
