import { parentPort, workerData } from 'node:worker_threads';
import type { FuzzJob, FuzzWorkerMessage } from './fuzz-in-workers.ts';
import { fuzzAll } from './fuzz-targets.ts';

/** One batch of one target, in a thread of its own: a fresh DOM, a fresh IndexedDB, fresh modules. */
const job = workerData as FuzzJob;
const post = (message: FuzzWorkerMessage) => parentPort!.postMessage(message);
const [report] = await fuzzAll({ ...job, targets: [job.target], progress: (_, tried) => post({ kind: 'progress', tried }) });
if (!report) throw new Error(`there is no fuzz target named "${job.target}"`);
post({ kind: 'done', report });
