/**
 * `node --import tsx bench/profile-import.ts`: imports the bench's 1,000-article bundle through the
 * Import button with the page's thread under the CDP sampling profiler, and prints, for each phase
 * the import leaves a measure for, what the page's thread did (self time by function) and how long
 * it sat idle (waiting on WebCrypto's or IndexedDB's threads). Run it under the e2e lock.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { AppServer, DIST } from '../e2e/helpers/app-server.ts';
import { launchOptions } from '../e2e/helpers/browser.ts';
import { turnLockOn } from '../e2e/helpers/lock.ts';
import { PHASE_MEASURE_PREFIX } from '../src/browser/phase-timing.ts';
import { IMPORT_FINISHED, IMPORT_STARTED, LIBRARY_PAINTED } from '../src/app/performance-marks.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { benchImportArticles } from './bundles.ts';
import { ensureBuilt } from './ensure-built.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, TraceMap | undefined>();

/** A frame's function named as in the source, through the build's source maps. */
function nameOf({ functionName, url, lineNumber, columnNumber }: ProfileNode['callFrame']): string {
  const file = url.split('/').pop() ?? '';
  if (!url.startsWith('http') || !file.endsWith('.js')) return `${functionName || '(anonymous)'} ${file}`;
  if (!maps.has(url)) {
    const path = `${DIST}${new URL(url).pathname}.map`;
    let map: TraceMap | undefined;
    try {
      map = new TraceMap(readFileSync(path, 'utf8'));
    } catch {
      map = undefined;
    }
    maps.set(url, map);
  }
  const map = maps.get(url);
  if (!map) return `${functionName} ${file}:${lineNumber + 1}`;
  const at = originalPositionFor(map, { line: lineNumber + 1, column: columnNumber });
  const source = (at.source ?? file).replace(/^(\.\.\/)+/, '');
  return `${at.name ?? functionName} ${source}:${at.line ?? 0}`;
}

const COUNT = Number(process.env.BENCH_IMPORT_ARTICLES ?? 1000);
const TOP = Number(process.env.PROFILE_TOP ?? 25);
/** PROFILE_LOCKED=1: the import is made with the library lock on (every record sealed). */
const LOCKED = process.env.PROFILE_LOCKED === '1';

await ensureBuilt();
const articles = await benchImportArticles(COUNT);
const bundle = Buffer.from(encodeBundle(articles, []));
const server = await AppServer.start(DIST);
const browser = await chromium.launch(launchOptions());
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.url);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, LIBRARY_PAINTED);
  if (LOCKED) {
    await turnLockOn(page);
    await page.getByRole('link', { name: 'Library' }).click();
  }
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  // The profile's clock and the page's differ by an unknown offset: a busy function run at a known
  // page time shows in the profile where that time is.
  // (A string, so that tsx's helpers for named functions do not travel into the page.)
  const syncAt = await page.evaluate<number>(`(() => {
    const start = performance.now();
    function clockSync() {
      while (performance.now() - start < 20);
    }
    clockSync();
    return start;
  })()`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles({ name: 'bench.html', mimeType: 'text/html', buffer: bundle });
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, IMPORT_FINISHED, { timeout: 600_000 });
  const { profile } = (await session.send('Profiler.stop')) as { profile: Profile };
  const report = (await page.getByRole('region', { name: 'Import' }).textContent()) ?? '';
  console.log(`The import's report: ${report.replace(/\s+/g, ' ').trim().slice(0, 200)}`);
  const { windows } = await page.evaluate(
    ([start, end, prefix]) => {
      const whole = performance.measure('import', start, end);
      const windows = [
        { name: 'import', start: whole.startTime, end: whole.startTime + whole.duration },
        ...performance
          .getEntriesByType('measure')
          .filter((entry) => entry.name.startsWith(prefix))
          .map((entry) => ({ name: entry.name.slice(prefix.length), start: entry.startTime, end: entry.startTime + entry.duration })),
      ];
      return { windows };
    },
    [IMPORT_STARTED, IMPORT_FINISHED, PHASE_MEASURE_PREFIX] as const,
  );
  // Profile timestamps are monotonic microseconds; the page's measures are ms from timeOrigin.
  // Align them on the import's window: the profile's first sample is just before the file is set.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  let at = profile.startTime;
  const samples: Array<{ time: number; node: ProfileNode; delta: number }> = [];
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index + 1] ?? 0;
    at += profile.timeDeltas[index] ?? 0;
    samples.push({ time: at, node: byId.get(id)!, delta });
  });
  const firstSync = samples.find((sample) => sample.node.callFrame.functionName === 'clockSync');
  if (!firstSync) throw new Error('the clock sync did not show in the profile');
  const offsetUs = firstSync.time - syncAt * 1000;
  for (const window of windows) {
    const inWindow = samples.filter((sample) => {
      const ms = (sample.time - offsetUs) / 1000;
      return ms >= window.start && ms < window.end;
    });
    const total = inWindow.reduce((sum, sample) => sum + sample.delta, 0) / 1000;
    const bySelf = new Map<string, number>();
    for (const sample of inWindow) {
      const key = nameOf(sample.node.callFrame);
      bySelf.set(key, (bySelf.get(key) ?? 0) + sample.delta / 1000);
    }
    console.log(`\n== ${window.name}: ${(window.end - window.start).toFixed(0)} ms wall, ${total.toFixed(0)} ms sampled`);
    for (const [key, ms] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
