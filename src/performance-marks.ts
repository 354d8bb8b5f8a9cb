/** Performance marks the app sets, for the benchmark and for anyone profiling. */
export const LIBRARY_PAINTED = 'pamphlet:library-painted';
