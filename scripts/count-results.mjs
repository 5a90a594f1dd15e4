// Sums vitest JSON reports into one closing line `N passed, N failed`.
// A missing or unreadable report counts as one failure, so a run that
// crashed before reporting can never look green.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const args = process.argv.slice(2);
// `--checks P F`: checks run outside vitest (typecheck, lint, package checks), counted too.
if (args[0] === '--checks') {
  passed += Number(args[1]);
  failed += Number(args[2]);
  args.splice(0, 3);
}
for (const file of args) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    // A suite that failed outside its tests (an import error, a failing beforeAll) has no
    // failed test to its name, only skipped ones or none: count it as one failure.
    for (const suite of report.testResults ?? []) {
      const tests = suite.assertionResults ?? [];
      if (suite.status === 'failed' && !tests.some((test) => test.status === 'failed')) failed += 1;
    }
  } catch (error) {
    console.error(`count-results: no readable report at ${file}: ${error.message}`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
