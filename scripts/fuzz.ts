/**
 * `npm run fuzz [-- RUNS [SEED]]`: the long fuzz run, RUNS inputs per target (default 10,000), and a
 * report: inputs tried, imported, offered (a source to follow), refused with a reason, and crashes (which must be 0).
 */
import { fuzzAll } from '../test/fuzz/fuzz-targets.ts';

const runs = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
console.log(`Fuzzing with ${runs} inputs per target, seed ${seed} (pass it again to repeat this run).`);
const started = performance.now();
const reports = await fuzzAll(runs, seed);
const width = Math.max(...reports.map((report) => report.target.length));
console.log(`\n${'target'.padEnd(width)}  ${'tried'.padStart(7)}  ${'imported'.padStart(8)}  ${'offered'.padStart(8)}  ${'refused'.padStart(8)}  crashes`);
for (const report of reports) {
  console.log(`${report.target.padEnd(width)}  ${String(report.tried).padStart(7)}  ${String(report.imported).padStart(8)}  ${String(report.offered).padStart(8)}  ${String(report.refused).padStart(8)}  ${report.crashes}`);
  for (const failure of report.failures) console.log(`  ${failure}`);
}
const total = reports.reduce((sum, report) => sum + report.tried, 0);
const crashes = reports.reduce((sum, report) => sum + report.crashes, 0);
console.log(`\n${total} inputs in ${Math.round((performance.now() - started) / 1000)} s; ${crashes} crashes.`);
process.exitCode = crashes === 0 ? 0 : 1;
