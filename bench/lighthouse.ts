import { writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { launch } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/helpers/browser.ts';

/**
 * The categories of Lighthouse 12's default (mobile) profile; 12.0 dropped the PWA category.
 * Lighthouse 12 is the last line that runs on Node 20 (13 needs Node 22.19).
 */
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
type Category = (typeof CATEGORIES)[number];

const METRICS = {
  fcpMs: 'first-contentful-paint',
  lcpMs: 'largest-contentful-paint',
  tbtMs: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  speedIndexMs: 'speed-index',
} as const;
type Metric = keyof typeof METRICS;

export interface FailingAudit {
  id: string;
  title: string;
  category: Category;
  /** How many of the runs it failed in. */
  runs: number;
  /** Lighthouse's one-line figure for it, from the median run (or the first run it failed in). */
  displayValue?: string;
}

export interface LighthouseFigures {
  /** When these runs were made (the section can be measured on its own, see bench/run.ts). */
  date: string;
  lighthouseVersion: string;
  browser: string;
  runs: number;
  /** Runs made again because Lighthouse reported a runtime error, by its code. */
  retries: string[];
  /** Median score per category, 0 to 100. */
  scores: Record<Category, number>;
  /** Every run's scores, to show the spread. */
  scoresPerRun: Array<Record<Category, number>>;
  /** Median of each metric over the runs (milliseconds; CLS unitless). */
  metrics: Record<Metric, number>;
  /**
   * Audits that cost points in any run (score under 1 with a weight in their category), and for
   * performance also the opportunities and diagnostics Lighthouse flags (score under 0.9): what
   * to fix when a score drops.
   */
  failing: FailingAudit[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
}

/** The audits a run flags, by id, with the category they count against. */
function failingIn(lhr: Result): Map<string, Omit<FailingAudit, 'runs'>> {
  const failing = new Map<string, Omit<FailingAudit, 'runs'>>();
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || ref.group === 'hidden') continue;
      const costsPoints = ref.weight > 0 && audit.score < 1;
      const flagged = category === 'performance' && ref.group !== 'metrics' && audit.score < 0.9;
      if (!costsPoints && !flagged) continue;
      failing.set(ref.id, {
        id: ref.id,
        title: audit.title,
        category,
        ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
      });
    }
  }
  return failing;
}

/** Lighthouse could not record or read the load (NO_NAVSTART, NO_FCP and the like). */
class LighthouseRuntimeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`Lighthouse: ${code}: ${message}`);
  }
}

/** One Lighthouse run in a Chromium of its own, on a new profile (chrome-launcher makes one). */
async function runOnce(url: string): Promise<Result> {
  const chrome = await launch({
    chromePath: chromiumExecutable() ?? chromium.executablePath(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    if (result.lhr.runtimeError) throw new LighthouseRuntimeError(result.lhr.runtimeError.code, result.lhr.runtimeError.message);
    return result.lhr;
  } finally {
    chrome.kill();
  }
}

/** Tries this many times in all when Lighthouse fails to record the page load. */
const ATTEMPTS = 3;

/**
 * A run, again in a new browser when Lighthouse reports a runtime error (a broken trace of the
 * load, NO_NAVSTART and the like, which it says to meet by running again); any other failure, or
 * the same error every time, still fails. Each retry is noted in the results.
 */
async function runWithRetries(url: string, retries: string[]): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(url);
    } catch (error) {
      if (!(error instanceof LighthouseRuntimeError) || attempt >= ATTEMPTS) throw error;
      console.warn(`  ${error.message}; running it again.`);
      retries.push(error.code);
    }
  }
}

/**
 * Lighthouse's default mobile profile (simulated slow 4G, 4x CPU slowdown, a phone's screen)
 * against the built app on the project's own server over loopback, `runs` times, each in a new
 * browser on a new profile so that every run is a first visit. The app is served on
 * http://localhost, which browsers and Lighthouse count as a secure origin, as an HTTPS mirror
 * is. Set BENCH_LIGHTHOUSE_REPORT to a file name to keep the median run's full report (JSON) for
 * a closer look.
 */
export async function measureLighthouse(dist: string, runs: number): Promise<LighthouseFigures> {
  const server = await AppServer.start(dist);
  const results: Result[] = [];
  const retries: string[] = [];
  try {
    for (let run = 0; run < runs; run++) results.push(await runWithRetries(`${server.url}/`, retries));
  } finally {
    await server.stop();
  }
  const scoresPerRun = results.map(
    (lhr) =>
      Object.fromEntries(CATEGORIES.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)])) as Record<
        Category,
        number
      >,
  );
  const scores = Object.fromEntries(CATEGORIES.map((category) => [category, median(scoresPerRun.map((run) => run[category]))])) as Record<
    Category,
    number
  >;
  const metrics = Object.fromEntries(
    Object.entries(METRICS).map(([name, id]) => {
      const value = median(results.map((lhr) => lhr.audits[id]?.numericValue ?? Number.NaN));
      return [name, name === 'cls' ? Math.round(value * 1000) / 1000 : Math.round(value)];
    }),
  ) as Record<Metric, number>;

  const byPerformance = results
    .map((lhr, index) => ({ lhr, index }))
    .sort((a, b) => scoresPerRun[a.index]!.performance - scoresPerRun[b.index]!.performance);
  const medianRun = byPerformance[Math.floor((byPerformance.length - 1) / 2)]!.lhr;
  const failing = new Map<string, FailingAudit>();
  for (const lhr of [medianRun, ...results.filter((lhr) => lhr !== medianRun)]) {
    for (const [id, audit] of failingIn(lhr)) {
      const seen = failing.get(id);
      failing.set(id, seen ? { ...seen, runs: seen.runs + 1 } : { ...audit, runs: 1 });
    }
  }
  if (process.env.BENCH_LIGHTHOUSE_REPORT) await writeFile(process.env.BENCH_LIGHTHOUSE_REPORT, JSON.stringify(medianRun, null, 2));

  return {
    date: new Date().toISOString(),
    lighthouseVersion: medianRun.lighthouseVersion,
    browser: medianRun.environment.hostUserAgent,
    runs: results.length,
    retries,
    scores,
    scoresPerRun,
    metrics,
    failing: [...failing.values()],
  };
}
