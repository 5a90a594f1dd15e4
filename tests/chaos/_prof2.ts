import { checkChaos } from './model';
const t = performance.now();
const r = await checkChaos({ numRuns: 40, store: 'memory', seed: 1 });
console.log(
  (performance.now() - t).toFixed(0),
  'ms',
  JSON.stringify(r.totals),
  r.counterexample ? JSON.stringify(r.counterexample) : '',
  r.violations,
);
process.exit(0);
