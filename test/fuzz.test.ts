import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzAll } from './fuzz/fuzz-targets.ts';

// A short, deterministic run (fixed seed, every 9th byte for the single-byte target) on every
// `npm test`; `npm run fuzz` runs 10,000 per target and every byte.
test(
  'fuzzing the codec and the import path: every input imports or is refused with a reason, and nothing crashes',
  { timeout: 300_000 },
  async () => {
    const reports = await fuzzAll({ runs: 60, seed: 20261125, byteStride: 9 });
    for (const report of reports) {
      assert.deepEqual(report.failures, [], report.target);
      assert.equal(report.crashes, 0, report.target);
      assert.equal(report.tried, report.imported + report.offered + report.refused + report.waiting, report.target);
    }
    const singleBytes = reports.find((report) => report.target.startsWith('every single-byte'))!;
    assert.ok(singleBytes.tried > 150, `only ${singleBytes.tried} bytes tried`);
    assert.ok(reports.find((report) => report.target === 'mutated bundles')!.refused > 0);
    const links = reports.find((report) => report.target === 'random and mutated link text')!;
    assert.ok(links.imported > 0 && links.offered > 0 && links.refused > 0, 'links imported, offered and refused');
  },
);
