/** Latency samples (ms) and their percentiles. */
export class Samples {
  readonly #values: number[] = [];

  add(ms: number): void {
    this.#values.push(ms);
  }

  /** A copy of the samples, in the order added. */
  values(): number[] {
    return [...this.#values];
  }

  /** Samples from values (e.g. sent by another process). */
  static of(values: number[]): Samples {
    const samples = new Samples();
    for (const v of values) samples.add(v);
    return samples;
  }

  get count(): number {
    return this.#values.length;
  }

  /** The p-th percentile (0–100), nearest rank; NaN when empty. */
  percentile(p: number): number {
    if (this.#values.length === 0) return Number.NaN;
    const sorted = [...this.#values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  }
}

/** `total[i] - part[i]` for each sample (a missing part counts as 0): e.g. a handler's time without what it spent in the app's code. */
export function without(total: Samples, part: Samples): Samples {
  const parts = part.values();
  return Samples.of(total.values().map((value, i) => value - (parts[i] ?? 0)));
}

/** `1.23 ms` */
export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}
