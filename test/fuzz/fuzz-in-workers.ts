import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FUZZ_TARGETS, HANG_MS, SINGLE_BYTE_TARGET, type FuzzReport } from './fuzz-targets.ts';

/**
 * The long fuzz run, in batches of BATCH_SIZE inputs, each batch in a fresh worker thread, as many
 * at once as there are cores. A fresh thread per batch is what keeps the run's time linear in its
 * length: the DOM the import path runs on in Node (jsdom 28) ties every document it makes to its
 * window by event listeners it never removes (the selector engine's, one set per document; see
 * https://github.com/jsdom/jsdom/pull/4101), so one long-lived window made each input slower than
 * the one before (500 mutated bundles took 4.5 s at the start of a run and 11 s after 2,500). It
 * also keeps one batch's leftovers from reaching the next.
 */
export const BATCH_SIZE = 1_000;
/** The single-byte target, every byte once, in this many interleaved batches. */
export const SINGLE_BYTE_BATCHES = 4;
/** A batch that says nothing (progress comes every 100 inputs) for this long is hung, and stopped. */
export const QUIET_MS = 12 * HANG_MS;

export interface FuzzJob {
  target: string;
  runs: number;
  /**
   * The seed the batch passes to `fuzzAll`, from the run's seed and the batch's place, so that a
   * run repeats exactly; `fuzzAll` adds the target's place, and a failure names the seed
   * fast-check was given.
   */
  seed: number;
  /** The single-byte target's share: every `byteStride`th byte from the `byteOffset`th. */
  byteStride?: number;
  byteOffset?: number;
}

export type FuzzWorkerMessage = { kind: 'progress'; tried: number } | { kind: 'done'; report: FuzzReport };

/** `runs` inputs per target (names containing `only`), cut into batches; the single-byte target's every byte, in SINGLE_BYTE_BATCHES. */
export function fuzzJobs(runs: number, seed: number, only = ''): FuzzJob[] {
  const jobs: FuzzJob[] = [];
  for (const target of FUZZ_TARGETS) {
    if (!target.includes(only)) continue;
    if (target === SINGLE_BYTE_TARGET) {
      for (let part = 0; part < SINGLE_BYTE_BATCHES; part++)
        jobs.push({ target, runs: 0, seed, byteStride: SINGLE_BYTE_BATCHES, byteOffset: part });
      continue;
    }
    for (let batch = 0; batch * BATCH_SIZE < runs; batch++) {
      jobs.push({ target, runs: Math.min(BATCH_SIZE, runs - batch * BATCH_SIZE), seed: (seed + batch * 104_729) % 2 ** 31 });
    }
  }
  return jobs;
}

function emptyReport(target: string): FuzzReport {
  return { target, tried: 0, imported: 0, offered: 0, refused: 0, waiting: 0, crashes: 0, failures: [], slowestMs: 0 };
}

/**
 * Runs one job in its own thread. A thread that fails, ends without a report, or goes quiet for
 * QUIET_MS (a hang `withinTime` cannot break, such as a loop that never yields) is stopped and
 * counted as one crash, with what happened and its batch.
 */
function runJob(job: FuzzJob, onProgress: (more: number) => void): Promise<FuzzReport> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), { workerData: job });
    const batch = `batch with seed ${job.seed}${job.byteOffset === undefined ? '' : `, bytes from ${job.byteOffset} every ${job.byteStride}`}`;
    let reported = 0;
    let settled = false;
    const settle = (report: FuzzReport) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      resolve(report);
      void worker.terminate();
    };
    const crashed = (why: string) => settle({ ...emptyReport(job.target), tried: reported, crashes: 1, failures: [`${batch}: ${why}`] });
    const watchdog = setTimeout(() => crashed(`no word in ${QUIET_MS / 1000} s: a hang`), QUIET_MS);
    worker.on('message', (message: FuzzWorkerMessage) => {
      watchdog.refresh();
      if (message.kind === 'progress') {
        onProgress(message.tried - reported);
        reported = message.tried;
        return;
      }
      onProgress(message.report.tried - reported);
      settle(message.report);
    });
    worker.on('error', (error) => crashed(`the thread failed: ${error.stack ?? String(error)}`));
    worker.on('exit', (code) => crashed(`the thread ended (exit code ${code}) without a report`));
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
    waiting: into.waiting + batch.waiting,
    crashes: into.crashes + batch.crashes,
    failures: [...into.failures, ...batch.failures].slice(0, 10),
    slowestMs: Math.max(into.slowestMs, batch.slowestMs),
    batchMs: [...into.batchMs, ms],
  };
}

/** Runs every job, `parallel` at a time, and gives one report per target, in FUZZ_TARGETS order (any other after). */
export async function fuzzInWorkers(
  jobs: FuzzJob[],
  onProgress: (target: string, done: number) => void,
  parallel = availableParallelism(),
): Promise<TargetReport[]> {
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
