/**
 * The bench's figures beside their goals (`bench/goals.ts`): every figure is printed, aligned, with
 * its goal and whether it was met; only missed goals count as missed, reported figures never do.
 */
import { expect, it } from 'vitest';
import { createGoals } from '../../bench/goals';

it('prints every figure beside its goal and counts only the missed ones', () => {
  const goals = createGoals();
  goals.add({ name: 'PostgreSQL: load ratio', value: '1.27', goal: '≤ 1.3', met: true });
  goals.add({ name: 'PGlite: one-at-a-time ratio', value: '2.10', goal: '≤ 2.0', met: false });
  goals.add({ name: 'PostgreSQL: 2 app server processes', value: '180 flows/s', goal: '', met: null });
  expect(goals.lines()).toEqual([
    '  PostgreSQL: load ratio                     1.27  goal ≤ 1.3: met',
    '  PGlite: one-at-a-time ratio                2.10  goal ≤ 2.0: NOT MET',
    '  PostgreSQL: 2 app server processes  180 flows/s',
  ]);
  expect(goals.missed().map((g) => g.name)).toEqual(['PGlite: one-at-a-time ratio']);
});
