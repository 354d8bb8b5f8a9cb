/** Prefix of the performance measures an import leaves, one per phase (see `timePhase`). */
export const PHASE_MEASURE_PREFIX = 'pamphlet:phase:';

/**
 * Runs `work` and leaves its wall time as the performance measure `pamphlet:phase:<phase>`, for the
 * bench (which prints where an import's time goes) and for anyone profiling. Phases run one after
 * another, so their measures add up to the whole; a phase that runs again (an import of several
 * files) leaves one measure each time.
 */
export async function timePhase<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(`${PHASE_MEASURE_PREFIX}${phase}`, { start, end: performance.now() });
  }
}
