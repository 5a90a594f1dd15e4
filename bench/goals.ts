/**
 * The bench's figures beside their goals, printed together at the end of `pnpm bench`: each with
 * its value, its goal, and whether this run met it. A missed goal makes the bench exit 1, after
 * everything was printed.
 */

export interface GoalFigure {
  /** What is measured, and how (`load ratio, PostgreSQL (median of 5 rounds)`). */
  name: string;
  /** The measured value as printed (`1.27`, `0 / 0`). */
  value: string;
  /** The goal as printed (`≤ 1.3`); empty for a figure reported without a goal. */
  goal: string;
  /** Whether the value meets the goal; `null` for a figure without a goal. */
  met: boolean | null;
}

export function createGoals() {
  const figures: GoalFigure[] = [];
  return {
    /** Notes a figure and its goal (`met: null`: a figure without a goal, reported only). */
    add(figure: GoalFigure): void {
      figures.push(figure);
    },
    /** The figures whose goal this run missed. */
    missed(): GoalFigure[] {
      return figures.filter((f) => f.met === false);
    },
    /** One line per figure: name, value, goal, met or not. */
    lines(): string[] {
      const width = Math.max(...figures.map((f) => f.name.length));
      const valueWidth = Math.max(...figures.map((f) => f.value.length));
      return figures.map(
        (f) =>
          `  ${f.name.padEnd(width)}  ${f.value.padStart(valueWidth)}` +
          (f.met === null ? '' : `  goal ${f.goal}: ${f.met ? 'met' : 'NOT MET'}`),
      );
    },
  };
}
