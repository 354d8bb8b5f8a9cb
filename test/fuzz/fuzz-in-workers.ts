import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FUZZ_TARGETS, SINGLE_BYTE_TARGET, type FuzzReport } from './fuzz-targets.ts';

/**
 * The long fuzz run, in batches of BATCH_SIZE inputs, each batch in a fresh worker thread, as many
 * at once as there are cores. A fresh thread per batch is what keeps the run's time linear in its
 * length: the DOM the import path runs on in Node (jsdom) ties every document ever parsed to its
 * window by event listeners it never removes, so one long-lived window made each input slower than
 * the one before (500 mutated bundles took 4.5 s at the start of a run and 11 s after 2,500). It
 * also keeps one batch's leftovers from reaching the next.
 */
export const BATCH_SIZE = 1_000;

export interface FuzzJob {
  target: string;
  runs: number;
  /** fast-check's seed for this batch: the run's seed, the target and the batch's place, so a run repeats exactly. */
  seed: number;
}

export type FuzzWorkerMessage = { kind: 'progress'; tried: number } | { kind: 'done'; report: FuzzReport };

/** `runs` inputs per target (names containing `only`), cut into batches; the single-byte target is one batch of every byte. */
export function fuzzJobs(runs: number, seed: number, only = ''): FuzzJob[] {
  const jobs: FuzzJob[] = [];
  for (const [index, target] of FUZZ_TARGETS.entries()) {
    if (!target.includes(only)) continue;
    if (target === SINGLE_BYTE_TARGET) {
      jobs.push({ target, runs: 0, seed });
      continue;
    }
    for (let batch = 0; batch * BATCH_SIZE < runs; batch++) {
      jobs.push({ target, runs: Math.min(BATCH_SIZE, runs - batch * BATCH_SIZE), seed: (seed + index * 7_919 + batch * 104_729) % 2 ** 31 });
    }
  }
  return jobs;
}

function emptyReport(target: string): FuzzReport {
  return { target, tried: 0, imported: 0, offered: 0, refused: 0, incomplete: 0, crashes: 0, failures: [], slowestMs: 0 };
}

/** Runs one job in its own thread; a thread that dies or ends without a report is a crash, with what it said. */
function runJob(job: FuzzJob, onProgress: (done: number) => void): Promise<FuzzReport> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), { workerData: job });
    let report: FuzzReport | undefined;
    let reported = 0;
    const crashed = (why: string) => ({ ...emptyReport(job.target), crashes: 1, failures: [`batch with seed ${job.seed}: ${why}`] });
    worker.on('message', (message: FuzzWorkerMessage) => {
      if (message.kind === 'progress') {
        onProgress(message.tried - reported);
        reported = message.tried;
      } else report = message.report;
    });
    worker.on('error', (error) => resolve(crashed(`the thread failed: ${error.stack ?? String(error)}`)));
    worker.on('exit', (code) => {
      if (!report) return resolve(crashed(`the thread ended (exit code ${code}) without a report`));
      onProgress(report.tried - reported);
      resolve({ ...report, failures: report.failures.map((failure) => `${failure} (batch seed ${job.seed})`) });
    });
  });
}

/** A target's report over all its batches, with how long each batch took: the same for the last as the first in a linear run. */
export interface TargetReport extends FuzzReport {
  batchMs: number[];
}

/** Adds one batch's report into its target's. */
function merged(into: TargetReport, batch: FuzzReport, ms: number): TargetReport {
  return {
    target: into.target,
    tried: into.tried + batch.tried,
    imported: into.imported + batch.imported,
    offered: into.offered + batch.offered,
    refused: into.refused + batch.refused,
    incomplete: into.incomplete + batch.incomplete,
    crashes: into.crashes + batch.crashes,
    failures: [...into.failures, ...batch.failures].slice(0, 10),
    slowestMs: Math.max(into.slowestMs, batch.slowestMs),
    batchMs: [...into.batchMs, ms],
  };
}

/** Runs every job, `parallel` at a time, and gives one report per target, in FUZZ_TARGETS order (any other after). */
export async function fuzzInWorkers(jobs: FuzzJob[], onProgress: (target: string, done: number) => void, parallel = availableParallelism()): Promise<TargetReport[]> {
  const reports = new Map<string, TargetReport>();
  const done = new Map<string, number>();
  const queue = [...jobs];
  const runner = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { target } = job;
      const started = performance.now();
      const report = await runJob(job, (more) => {
        done.set(target, (done.get(target) ?? 0) + more);
        onProgress(target, done.get(target)!);
      });
      reports.set(target, merged(reports.get(target) ?? { ...emptyReport(target), batchMs: [] }, report, performance.now() - started));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, runner));
  const order = (target: string) => (FUZZ_TARGETS as readonly string[]).indexOf(target) >>> 0;
  return [...reports.values()].sort((a, b) => order(a.target) - order(b.target));
}
