import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BATCH_SIZE, SINGLE_BYTE_BATCHES, fuzzInWorkers, fuzzJobs } from './fuzz/fuzz-in-workers.ts';
import { FUZZ_TARGETS, SINGLE_BYTE_TARGET } from './fuzz/fuzz-targets.ts';

// `npm run fuzz` cuts the long run into batches, each in a fresh thread; these check the cutting,
// the adding up, and that a thread that fails or ends without a report is counted as a crash
// rather than lost.

test('the long run is cut into batches that add up to the runs asked for, each target with its own seeds, and the single-byte target into interleaved shares of every byte', () => {
  const runs = 2 * BATCH_SIZE + 250;
  const jobs = fuzzJobs(runs, 99);
  for (const target of FUZZ_TARGETS.filter((name) => name !== SINGLE_BYTE_TARGET)) {
    const batches = jobs.filter((job) => job.target === target);
    assert.equal(batches.length, 3, target);
    assert.equal(
      batches.reduce((sum, job) => sum + job.runs, 0),
      runs,
      target,
    );
    assert.equal(new Set(batches.map((job) => job.seed)).size, 3, `${target}: each batch its own seed`);
  }
  const bytes = jobs.filter((job) => job.target === SINGLE_BYTE_TARGET);
  assert.deepEqual(
    bytes.map((job) => [job.byteOffset, job.byteStride]),
    Array.from({ length: SINGLE_BYTE_BATCHES }, (_, part) => [part, SINGLE_BYTE_BATCHES]),
  );
  assert.deepEqual(fuzzJobs(runs, 99), jobs, 'the same runs and seed give the same batches');
  assert.deepEqual(
    new Set(fuzzJobs(10, 1, 'QR').map((job) => job.target)),
    new Set(['random and mutated QR payloads', 'random and mutated QR frames']),
  );
});

test(
  'batches run in threads of their own and add up per target; a thread that fails or ends without a report is a crash',
  { timeout: 120_000 },
  async () => {
    const progress: number[] = [];
    const jobs = [
      { target: 'random and mutated QR frames', runs: 20, seed: 1 },
      { target: 'random and mutated QR frames', runs: 15, seed: 2 },
      { target: 'no such target', runs: 5, seed: 3 },
      // fast-check refuses a negative number of runs: the thread throws.
      { target: 'random text as a file', runs: -1, seed: 4 },
    ];
    const reports = await fuzzInWorkers(jobs, (_, done) => progress.push(done), 2);
    const frames = reports.find((report) => report.target === 'random and mutated QR frames')!;
    assert.equal(frames.tried, 35);
    assert.equal(frames.crashes, 0, frames.failures.join('\n'));
    assert.equal(frames.imported + frames.refused + frames.waiting, 35);
    assert.equal(frames.batchMs.length, 2);
    assert.ok(progress.includes(35), 'progress reaches every input');

    const unknown = reports.find((report) => report.target === 'no such target');
    assert.equal(unknown?.crashes, 1);
    assert.match(unknown.failures[0]!, /batch with seed 3: the thread failed: .*no fuzz target named "no such target"/);
    const failing = reports.find((report) => report.target === 'random text as a file');
    assert.equal(failing?.crashes, 1);
    assert.match(failing.failures[0]!, /batch with seed 4: the thread failed/);
  },
);
