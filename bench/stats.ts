/** Summary statistics for a list of timings, rounded for printing. */
export interface Spread {
  runs: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** `decimals`: how many the figures keep (a ratio such as 0.48× needs two). */
export function spreadOf(values: number[], decimals = 1): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const scale = 10 ** decimals;
  const round = (value: number) => Math.round(value * scale) / scale;
  return {
    runs: sorted.length,
    median: round(quantile(sorted, 0.5)),
    p25: round(quantile(sorted, 0.25)),
    p75: round(quantile(sorted, 0.75)),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
  };
}

export function describeSpread(spread: Spread, unit = 'ms'): string {
  return `median ${spread.median} ${unit} (p25 ${spread.p25}, p75 ${spread.p75}, min ${spread.min}, max ${spread.max}; ${spread.runs} runs)`;
}
