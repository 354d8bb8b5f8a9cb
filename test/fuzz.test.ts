import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzAll } from './fuzz/fuzz-targets.ts';

// A short, deterministic run (fixed seed) on every `npm test`; `npm run fuzz` runs 10,000 per target.
test('fuzzing the codec and the import path: every input imports or is refused with a reason, and nothing crashes', { timeout: 300_000 }, async () => {
  const reports = await fuzzAll(120);
  for (const report of reports) {
    assert.deepEqual(report.failures, [], report.target);
    assert.equal(report.crashes, 0, report.target);
    assert.equal(report.tried, report.imported + report.refused, report.target);
  }
  const singleBytes = reports.find((report) => report.target.startsWith('every single-byte'))!;
  assert.ok(singleBytes.tried > 1000, `only ${singleBytes.tried} bytes tried`);
  assert.ok(reports.find((report) => report.target === 'mutated bundles')!.refused > 0);
});
