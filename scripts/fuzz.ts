/**
 * `npm run fuzz [-- RUNS [SEED] [--only TEXT]]`: the long fuzz run, RUNS inputs per target
 * (default 10,000) and every byte of the signed articles changed, in batches on every core; then a
 * report: inputs tried, imported, offered (a source to follow), refused with a reason, waiting (QR
 * frames that rebuild nothing yet), and crashes (which must be 0). `--only` keeps the targets whose name holds TEXT.
 */
import { parseArgs } from 'node:util';
import { BATCH_SIZE, fuzzInWorkers, fuzzJobs } from '../test/fuzz/fuzz-in-workers.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { only: { type: 'string', default: '' } } });
const runs = Number(positionals[0] ?? 10_000);
const seed = Number(positionals[1] ?? Date.now() % 2 ** 31);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('Usage: npm run fuzz -- [RUNS] [SEED] [--only TEXT] (RUNS and SEED whole numbers)');
  process.exit(2);
}
const jobs = fuzzJobs(runs, seed, values.only);
if (jobs.length === 0) {
  console.error(`No fuzz target's name holds "${values.only}".`);
  process.exit(2);
}
console.log(`Fuzzing with ${runs} inputs per target in batches of ${BATCH_SIZE}, seed ${seed} (pass it again to repeat this run).`);

const started = performance.now();
const seconds = (ms: number) => (ms / 1000).toFixed(1);
let lastLine = 0;
const reports = await fuzzInWorkers(jobs, (target, done) => {
  // A line every few seconds, not per message: enough to see the run move and how fast.
  if (performance.now() - lastLine < 5_000) return;
  lastLine = performance.now();
  console.log(`  ${seconds(lastLine - started)} s: ${target}, ${done} inputs`);
});

const width = Math.max(...reports.map((report) => report.target.length));
const columns = ['tried', 'imported', 'offered', 'refused', 'waiting', 'crashes', 'slowest', 'batches took'];
console.log(`\n${'target'.padEnd(width)}  ${columns.map((column) => column.padStart(8)).join('  ')}`);
for (const report of reports) {
  const batches =
    report.batchMs.length > 1
      ? `${seconds(Math.min(...report.batchMs))}–${seconds(Math.max(...report.batchMs))} s`
      : `${seconds(report.batchMs[0]!)} s`;
  const cells = [
    report.tried,
    report.imported,
    report.offered,
    report.refused,
    report.waiting,
    report.crashes,
    `${Math.round(report.slowestMs)} ms`,
    batches,
  ];
  console.log(`${report.target.padEnd(width)}  ${cells.map((cell) => String(cell).padStart(8)).join('  ')}`);
  for (const failure of report.failures) console.log(`  ${failure}`);
}
const total = reports.reduce((sum, report) => sum + report.tried, 0);
const refused = reports.reduce((sum, report) => sum + report.refused, 0);
const crashes = reports.reduce((sum, report) => sum + report.crashes, 0);
console.log(
  `\n${total} inputs in ${Math.round((performance.now() - started) / 1000)} s: ${refused} refused with a clear message, ${crashes} crashes.`,
);
process.exitCode = crashes === 0 ? 0 : 1;
