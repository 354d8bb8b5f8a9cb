import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium, type Browser, type Request } from '@playwright/test';
import { launchOptions } from '../e2e/helpers/browser.ts';
import { LIBRARY_PAINTED } from '../src/app/performance-marks.ts';
import { spreadOf, type Spread } from './stats.ts';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

/**
 * A file the page asked for: its sizes in the build (what it would take compressed by any host),
 * and what its body took over the wire from this host (`sent`, in the `encoding` the host chose,
 * with chunked framing when the host sends no Content-Length).
 */
export interface VisitedFile extends Sizes {
  /** Its path in the app's folder (`index.html`, `assets/main-….js`). */
  path: string;
  /** `html`, `js`, `css`, or the browser's resource type for anything else (`manifest`, `image`, …). */
  kind: string;
  sent: number;
  encoding: string;
}

export interface FirstVisit {
  /** The app's folder on its host: `/` or `/mirrors/news/pamphlet/`. */
  folder: string;
  /** What the page asked for before the library was painted. */
  files: VisitedFile[];
  byKind: Record<'html' | 'js' | 'css', Sizes & { sent: number }>;
  jsAndCssGzip: number;
  /**
   * Everything the page itself asked for until the network was idle, the paint's files included:
   * what the first visit goes on to load once the library is up (the import panel, the service
   * worker's bridge, the built-in sample, the translations of a reader's language). The service
   * worker's precache, fetched in the background for offline use, is not the page's and is left out.
   */
  untilIdle: {
    files: VisitedFile[];
    jsAndCssGzip: number;
    raw: number;
    /** Bodies as sent, and the response headers beside them: what crossed the wire. */
    sent: number;
    headers: number;
    /** Requests of any of the visits that failed or got an error status, or left the app's folder. */
    failed: string[];
    outside: string[];
  };
  /** From navigation start to the library's first paint (the app's own performance mark). */
  libraryPaintedMs: Spread;
  /** From the request for the page to the end of the last response the page asked for. */
  untilIdleMs: Spread;
}

function sizesOf(bytes: Buffer): Sizes {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const KINDS: Record<string, string> = { document: 'html', script: 'js', stylesheet: 'css' };

/** What one request of a visit got, read while its profile is still open. */
interface Answer {
  url: string;
  resourceType: string;
  /** Why it failed (a status, a network error), or undefined. */
  failure?: string;
  sent: number;
  headers: number;
  encoding: string;
}

/** One first visit in a fresh profile: each request's answer, and when the paint and the last response came. */
interface Visit {
  answers: Answer[];
  beforePaint: Set<string>;
  paintedMs: number;
  untilIdleMs: number;
}

async function answerTo(request: Request): Promise<Answer> {
  const response = await request.response();
  const answer = { url: request.url(), resourceType: request.resourceType() };
  if (!response) return { ...answer, failure: request.failure()?.errorText ?? 'no answer', sent: 0, headers: 0, encoding: '' };
  const sizes = await request.sizes();
  return {
    ...answer,
    ...(response.ok() ? {} : { failure: String(response.status()) }),
    sent: sizes.responseBodySize,
    headers: sizes.responseHeadersSize,
    encoding: (await response.headerValue('content-encoding')) ?? 'identity',
  };
}

async function visit(browser: Browser, url: string): Promise<Visit> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (request) => {
      if (!request.serviceWorker() && !/^(data|blob):/.test(request.url())) requests.push(request);
    });
    await page.goto(url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, LIBRARY_PAINTED);
    // What was asked for before the paint, by the page's own clock: work deferred until after it
    // (the import panel, the service worker) may still be arriving as this reads, and is not counted.
    const { painted, before } = await page.evaluate((mark) => {
      const painted = performance.getEntriesByName(mark)[0]!.startTime;
      const before = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime < painted)
        .map((entry) => entry.name);
      return { painted, before };
    }, LIBRARY_PAINTED);
    await page.waitForLoadState('networkidle');
    const start = requests[0]!.timing().startTime;
    const ends = requests.map((request) => request.timing()).filter((timing) => timing.responseEnd >= 0);
    const lastEnd = Math.max(...ends.map((timing) => timing.startTime + timing.responseEnd));
    return {
      answers: await Promise.all(requests.map(answerTo)),
      beforePaint: new Set([url, ...before]),
      paintedMs: painted,
      untilIdleMs: lastEnd - start,
    };
  } finally {
    await context.close();
  }
}

const withoutQuery = (address: string) => address.split(/[?#]/)[0]!;

/** The files a visit fetched from the app's folder (at `url`), sized from the build. */
async function filesOf(visited: Visit, url: string, dist: string) {
  const files: Array<VisitedFile & { url: string; headers: number }> = [];
  for (const answer of visited.answers) {
    const address = withoutQuery(answer.url);
    if (!address.startsWith(url) || answer.failure) continue;
    const path = address.slice(url.length) || 'index.html';
    const { resourceType, failure: _failure, ...sent } = answer;
    files.push({ ...sent, path, kind: KINDS[resourceType] ?? resourceType, ...sizesOf(await readFile(join(dist, path))) });
  }
  return files;
}

/** What went wrong in any of the visits: requests that failed, and requests that left the folder. */
function problemsOf(visits: Visit[], url: string) {
  const answers = visits.flatMap((one) => one.answers);
  return {
    failed: [...new Set(answers.filter((answer) => answer.failure).map((answer) => `${answer.url} (${answer.failure})`))],
    outside: [...new Set(answers.filter((answer) => !withoutQuery(answer.url).startsWith(url)).map((answer) => answer.url))],
  };
}

/**
 * What a first visit loads at each of `places` (the app's folder on a host serving `dist`): the
 * files and their bytes, as built and as sent, before the library is painted and until the
 * network is idle, and how long each takes, over `runs` visits in fresh profiles, the places
 * taken in turn so that a busy machine slows all of them alike.
 */
export async function measureFirstVisit<Place extends string>(
  places: Record<Place, string>,
  dist: string,
  runs: number,
): Promise<Record<Place, FirstVisit>> {
  const browser = await chromium.launch(launchOptions());
  try {
    const names = Object.keys(places) as Place[];
    const visits = new Map<Place, Visit[]>(names.map((name) => [name, []]));
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? names : [...names].reverse();
      for (const name of order) visits.get(name)!.push(await visit(browser, places[name]));
    }
    const figures = {} as Record<Place, FirstVisit>;
    for (const name of names) {
      const url = places[name];
      const all = visits.get(name)!;
      const first = all[0]!;
      const later = await filesOf(first, url, dist);
      const { failed, outside } = problemsOf(all, url);
      const files = later.filter((file) => first.beforePaint.has(file.url) && ['html', 'js', 'css'].includes(file.kind));
      const byKind = { html: sum([]), js: sum([]), css: sum([]) };
      for (const kind of ['html', 'js', 'css'] as const) byKind[kind] = sum(files.filter((file) => file.kind === kind));
      const jsAndCss = (list: VisitedFile[]) =>
        list.filter((file) => file.kind === 'js' || file.kind === 'css').reduce((total, file) => total + file.gzip, 0);
      const strip = ({ url: _url, headers: _headers, ...file }: (typeof later)[number]): VisitedFile => file;
      figures[name] = {
        folder: new URL(url).pathname,
        files: files.map(strip),
        byKind,
        jsAndCssGzip: jsAndCss(files),
        untilIdle: {
          files: later.map(strip),
          jsAndCssGzip: jsAndCss(later),
          raw: later.reduce((total, file) => total + file.raw, 0),
          sent: later.reduce((total, file) => total + file.sent, 0),
          headers: later.reduce((total, file) => total + file.headers, 0),
          failed,
          outside,
        },
        libraryPaintedMs: spreadOf(all.map((one) => one.paintedMs)),
        untilIdleMs: spreadOf(all.map((one) => one.untilIdleMs)),
      };
    }
    return figures;
  } finally {
    await browser.close();
  }
}

function sum(files: Array<Sizes & { sent: number }>): Sizes & { sent: number } {
  return files.reduce(
    (total, file) => ({
      raw: total.raw + file.raw,
      gzip: total.gzip + file.gzip,
      brotli: total.brotli + file.brotli,
      sent: total.sent + file.sent,
    }),
    { raw: 0, gzip: 0, brotli: 0, sent: 0 },
  );
}
