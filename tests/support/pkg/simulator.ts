/**
 * The workspace package source, by path: the root package.json does not depend on the
 * workspace packages, so `@pi-kit/*` does not resolve from `tests/` and `bench/` (see docs/BENCHMARKS.md).
 */
export * from '../../../packages/simulator/src/index';
