/**
 * `npm run bench`: measures the built app and prints the figures, writing them to
 * bench/results.json. Figures, not pass/fail tests: a busy machine moves timings, so each timing
 * comes with a baseline measured in the same run. Set BENCH_RUNS to change the number of runs.
 * BENCH_ONLY=first-visit, =lighthouse, =import, =scale, =lock, =nearby, =move, =sync or =ipfs runs that section alone
 * and updates only its part of the file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { DIST } from '../e2e/helpers/app-server.ts';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { PlainStaticServer } from '../e2e/helpers/plain-static-server.ts';
import { ensureBuilt } from './ensure-built.ts';
import { measureBundleOverhead, measureImportRuns, measureLinkPayload, PHASE_MEANINGS, type ImportRuns } from './bundles.ts';
import { measureBlankPageFloor, measureOfflineColdStarts } from './cold-start.ts';
import { measureFirstVisit, type FirstVisit } from './first-visit.ts';
import { measureLighthouse } from './lighthouse.ts';
import { measureLock, type LockFigures } from './lock.ts';
import { measureMove, type MoveFigures } from './move.ts';
import { measureNearby, type NearbyFigures } from './nearby.ts';
import { measurePublisher } from './publisher.ts';
import { measureQr } from './qr.ts';
import { measureScale, type ScaleFigures } from './scale.ts';
import { benchArticles, measureSync, type SyncFigures } from './sync.ts';
import { measureIpfsSync, type IpfsSyncFigures } from './ipfs-sync.ts';
import { describeSpread } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const TARGETS = {
  firstVisitJsCssGzipBytes: 40 * 1024,
  offlineColdStartMedianMs: 300,
  samplePayloadBytes: 2953,
  importArticlesPerSecond: 200,
  importToRawWritesRatioAtLeast: 0.5,
  animatedQrBytesPerSecondQuarterLost: 4096,
  animatedQrOverheadPercentNoLoss: 10,
  libraryFirstScreenMedianMs: 100,
  searchP95Ms: 50,
  articleOpenP95Ms: 100,
  libraryMemoryMegabytes: 200,
  lighthousePerformanceAtLeast: 95,
  lighthouseAccessibilityAtLeast: 100,
  lighthouseBestPracticesAtLeast: 100,
  moveThousandArticlesSeconds: 20,
};
const IMPORT_ARTICLES = Number(process.env.BENCH_IMPORT_ARTICLES ?? 1000);
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 5);
/** Runs of the same import with the library lock on (0 leaves it out). */
const LOCKED_IMPORT_RUNS = Number(process.env.BENCH_LOCKED_IMPORT_RUNS ?? 3);
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const RESULTS = new URL('results.json', import.meta.url);
const ONLY = process.env.BENCH_ONLY;
const SECTIONS = ['first-visit', 'lighthouse', 'import', 'scale', 'lock', 'nearby', 'move', 'sync', 'ipfs'];
if (ONLY !== undefined && !SECTIONS.includes(ONLY))
  throw new Error(`BENCH_ONLY knows the sections ${SECTIONS.map((name) => `"${name}"`).join(', ')}, not "${ONLY}"`);

async function writeOnly(section: string, figures: unknown): Promise<never> {
  const previous = JSON.parse(await readFile(RESULTS, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  await writeFile(RESULTS, `${JSON.stringify({ ...previous, targets: TARGETS, [section]: figures }, null, 2)}\n`);
  console.log(`Wrote the ${section} section of bench/results.json`);
  process.exit(0);
}

await ensureBuilt();

// The first visit at a domain's root behind npm start's server, and deep in a folder of a plain
// static host (no compression, no headers of its own): the same build should cost the same at both.
const DEEP_FOLDER = '/mirrors/news/pamphlet/';
async function reportFirstVisit(): Promise<{ atRoot: FirstVisit; inFolder: FirstVisit }> {
  const server = await AppServer.start(DIST);
  const host = await PlainStaticServer.start({ [DEEP_FOLDER]: DIST });
  const visits = await measureFirstVisit({ atRoot: `${server.url}/`, inFolder: `${host.origin}${DEEP_FOLDER}` }, DIST, RUNS).finally(() =>
    Promise.all([server.stop(), host.stop()]),
  );
  const { atRoot, inFolder } = visits;
  const encodings = (visit: FirstVisit) => [...new Set(visit.untilIdle.files.map((file) => file.encoding))].join(', ');
  console.log(
    `First visit, at / behind npm start (sent as ${encodings(atRoot)}) and at ${DEEP_FOLDER} of a plain static host (sent as ${encodings(inFolder)}), ${RUNS} visits each:`,
  );
  const row = (label: string, figure: (visit: FirstVisit) => string) =>
    console.log(`  ${label.padEnd(50)} ${figure(atRoot).padStart(27)}   ${figure(inFolder).padStart(27)}`);
  const timing = (spread: FirstVisit['libraryPaintedMs']) => `${spread.median} ms (${spread.p25}–${spread.p75})`;
  console.log(`  ${''.padEnd(50)} ${'at /'.padStart(27)}   ${`in ${DEEP_FOLDER}`.padStart(27)}`);
  console.log('  before the library is painted:');
  row('  files (html, js, css)', (visit) => String(visit.files.length));
  for (const kind of ['html', 'js', 'css'] as const) {
    row(`  ${kind} raw / gzip / brotli`, (visit) => {
      const { raw, gzip, brotli } = visit.byKind[kind];
      return `${kb(raw)} / ${kb(gzip)} / ${kb(brotli)}`;
    });
  }
  row('  sent (bodies as the host sent them)', (visit) => kb(visit.files.reduce((total, file) => total + file.sent, 0)));
  row(
    `  JS + CSS gzip (target at most ${kb(TARGETS.firstVisitJsCssGzipBytes)})`,
    (visit) => `${kb(visit.jsAndCssGzip)} ${verdict(visit.jsAndCssGzip <= TARGETS.firstVisitJsCssGzipBytes)}`,
  );
  row('  library painted, from navigation (p25–p75)', (visit) => timing(visit.libraryPaintedMs));
  console.log('  until the network is idle (the page’s own requests; the service worker’s precache left out):');
  row('  files, of any kind', (visit) => String(visit.untilIdle.files.length));
  row('  failed, or outside the app’s folder', (visit) => String(visit.untilIdle.failed.length + visit.untilIdle.outside.length));
  row('  raw', (visit) => kb(visit.untilIdle.raw));
  row('  sent, bodies + headers', (visit) => `${kb(visit.untilIdle.sent)} + ${kb(visit.untilIdle.headers)}`);
  row('  JS + CSS gzip', (visit) => kb(visit.untilIdle.jsAndCssGzip));
  row('  last response, from the page’s request (p25–p75)', (visit) => timing(visit.untilIdleMs));
  for (const problem of [...atRoot.untilIdle.failed, ...inFolder.untilIdle.failed]) console.log(`  failed: ${problem}`);
  for (const address of [...atRoot.untilIdle.outside, ...inFolder.untilIdle.outside]) console.log(`  outside the app’s folder: ${address}`);
  return visits;
}

if (ONLY === 'first-visit') await writeOnly('firstVisit', await reportFirstVisit());

// A library of this many articles (BENCH_SCALE_ARTICLES=0 leaves it out: seeding takes a minute or two).
const SCALE_ARTICLES = Number(process.env.BENCH_SCALE_ARTICLES ?? 10_000);
async function reportScale(): Promise<ScaleFigures | undefined> {
  if (SCALE_ARTICLES <= 0) return undefined;
  const scale = await measureScale(DIST, SCALE_ARTICLES);
  const { memoryMegabytes: memory, memoryBaselineMegabytes: baseline } = scale;
  console.log(
    `A library of ${scale.articles} articles (${scale.textMegabytes} MB of text), put in through Import in ${scale.seedSeconds} s:`,
  );
  console.log(
    `  first screen, from the library starting to it painted: ${describeSpread(scale.libraryFirstScreenMs)}; ` +
      `target median at most ${TARGETS.libraryFirstScreenMedianMs} ms: ${verdict(scale.libraryFirstScreenMs.median <= TARGETS.libraryFirstScreenMedianMs)}`,
  );
  console.log(`    baseline, the same with the sample and 20 articles: ${describeSpread(scale.libraryFirstScreenBaselineMs)}`);
  console.log(
    `    the same confirmed from IndexedDB: ${describeSpread(scale.libraryConfirmedMs)}; from navigation to the first paint: ${describeSpread(scale.navigationToLibraryMs)}`,
  );
  console.log(
    `  search, typed to hits on screen: ${describeSpread(scale.searchMs)}, p95 ${scale.searchMs.p95} ms; target p95 at most ${TARGETS.searchP95Ms} ms: ${verdict(scale.searchMs.p95 <= TARGETS.searchP95Ms)}`,
  );
  console.log(
    `  article open, tapped to text on screen: ${describeSpread(scale.articleOpenMs)}, p95 ${scale.articleOpenMs.p95} ms; target p95 at most ${TARGETS.articleOpenP95Ms} ms: ${verdict(scale.articleOpenMs.p95 <= TARGETS.articleOpenP95Ms)}`,
  );
  console.log(
    `  memory of the app's renderer processes after that use: ${memory.renderersPrivate} MB private, ${memory.renderersProportional} MB proportional (page heap ${memory.pageHeap} MB); ` +
      `target at most ${TARGETS.libraryMemoryMegabytes} MB private: ${verdict(memory.renderersPrivate <= TARGETS.libraryMemoryMegabytes)}`,
  );
  console.log(
    `    baseline, the sample and 20 articles used the same way: ${baseline.renderersPrivate} MB private, ${baseline.renderersProportional} MB proportional (page heap ${baseline.pageHeap} MB)`,
  );
  return scale;
}

if (ONLY === 'scale') await writeOnly('scale', await reportScale());

// The library lock's cost: the same library with the lock off and on (BENCH_LOCK_ARTICLES=0 leaves
// it out; a smaller number is quicker).
const LOCK_ARTICLES = Number(process.env.BENCH_LOCK_ARTICLES ?? 10_000);
async function reportLock(): Promise<LockFigures | undefined> {
  if (LOCK_ARTICLES <= 0) return undefined;
  const lock = await measureLock(DIST, LOCK_ARTICLES);
  console.log(`The library lock, with ${lock.articles} articles (turned on, every record sealed, in ${lock.lockOnSeconds} s):`);
  console.log(`  unlock: Argon2id ${describeSpread(lock.keyDerivationMs)}; the whole unlock ${describeSpread(lock.unlockMs)}`);
  for (const [label, figures] of [
    ['lock off', lock.off],
    ['lock on ', lock.on],
  ] as const) {
    console.log(
      `  ${label}: library open ${describeSpread(figures.libraryOpenMs)}; first search ${describeSpread(figures.firstSearchMs)}; ` +
        `search p95 ${figures.searchMs.p95} ms (median ${figures.searchMs.median}); article open p95 ${figures.articleOpenMs.p95} ms (median ${figures.articleOpenMs.median})`,
    );
  }
  return lock;
}

if (ONLY === 'lock') await writeOnly('lock', await reportLock());

// Phone to phone over the local network (BENCH_NEARBY_ARTICLES=0 leaves it out).
const NEARBY_ARTICLES = Number(process.env.BENCH_NEARBY_ARTICLES ?? 100);
async function reportNearby(): Promise<NearbyFigures | undefined> {
  if (NEARBY_ARTICLES <= 0) return undefined;
  const nearby = await measureNearby(DIST, NEARBY_ARTICLES);
  console.log(
    `Nearby, ${nearby.articles} signed articles with a photo each (${nearby.megabytes} MB of bundles), between two Chromium browsers over this machine's network:`,
  );
  console.log(
    `  transfer ${nearby.transferMegabytesPerSecond} MB/s, first byte to last on the receiving side; baseline, the data channel alone in one page: ${nearby.rawChannelMegabytesPerSecond} MB/s`,
  );
  console.log(
    `  bundles imported on the receiving side: ${nearby.bundlesImportedPerSecond} per second over the transfer, ${nearby.bundlesImportedPerSecondBusy} per second of import time`,
  );
  console.log(
    `  articles delivered (${nearby.articleMegabytes} MB of article JSON and photos, carried as ${nearby.megabytes} MB): ${nearby.articleMegabytesPerSecond} MB/s, first byte to last article stored; ` +
      `the same bytes through a bare data channel: ${nearby.bareChannelArticleMegabytesPerSecond} MB/s; Nearby at ${nearby.articleRateRatio}× the bare channel`,
  );
  return nearby;
}

if (ONLY === 'nearby') await writeOnly('nearby', await reportNearby());

// Import of a big bundle through the Import button, against the same records written to
// IndexedDB with no checks in the same page, and where the import's time goes.
async function reportImportExport(): Promise<ImportRuns & { locked?: ImportRuns }> {
  const throughput = await measureImportRuns(DIST, IMPORT_ARTICLES, IMPORT_RUNS);
  console.log(
    `Import of a ${IMPORT_ARTICLES}-article bundle (${kb(throughput.bundleBytes)}) through the Import button on ${cpus().length} cores, ${IMPORT_RUNS} runs, each in a new browser; the figures of the run with the median ratio:`,
  );
  console.log(
    `  ${throughput.importMs} ms, ${throughput.articlesPerSecond} articles per second; target at least ${TARGETS.importArticlesPerSecond}: ${verdict(throughput.articlesPerSecond >= TARGETS.importArticlesPerSecond)}`,
  );
  console.log(
    `  baseline, the same records put into IndexedDB with no checks, in one transaction of the import's durability (${throughput.durability}): ` +
      `${throughput.rawIndexedDbMs} ms, ${throughput.rawArticlesPerSecond} articles per second`,
  );
  const other = throughput.durability === 'strict' ? 'relaxed' : 'strict';
  const otherRatio = Math.round((throughput.rawOtherDurabilityMs / throughput.importMs) * 100) / 100;
  console.log(`    the same with ${other} durability: ${throughput.rawOtherDurabilityMs} ms (the import at ${otherRatio}× that rate)`);
  const ratio = throughput.importToRawRatio;
  console.log(
    `  import at ${ratio}× the raw write rate (the median of ${IMPORT_RUNS} runs); target at least ${TARGETS.importToRawWritesRatioAtLeast}×: ${verdict(ratio >= TARGETS.importToRawWritesRatioAtLeast)}`,
  );
  console.log(`    each run's ratio: ${describeSpread(throughput.importToRawRatioSpread, '×')}`);
  console.log(
    `    the import: ${describeSpread(throughput.importMsSpread)}; the raw writes: ${describeSpread(throughput.rawIndexedDbMsSpread)}`,
  );
  console.log(
    '  where the time goes (wall time of each phase, in the order they start; the store runs alongside the checks, and the sanitizer after them, alongside the end of the store):',
  );
  for (const [phase, ms] of Object.entries(throughput.phasesMs)) {
    const share = `${Math.round((ms / throughput.importMs) * 100)}%`;
    console.log(`    ${phase.padEnd(15)} ${String(Math.round(ms)).padStart(6)} ms ${share.padStart(4)}  ${PHASE_MEANINGS[phase] ?? ''}`);
  }
  // The checks and the store start together, and the store ends last.
  const inPhases = ['load', 'read', 'decode', 'store'].reduce((sum, phase) => sum + (throughput.phasesMs[phase] ?? 0), 0);
  console.log(
    `    ${'other'.padEnd(15)} ${String(Math.round(throughput.importMs - inPhases)).padStart(6)} ms       between the phases above: the queue, the report`,
  );
  const transactionMs = throughput.phasesMs.transaction ?? 0;
  const signaturesMs = throughput.phasesMs.signatures ?? 0;
  console.log(
    `  the import's transaction takes ${(transactionMs / throughput.rawIndexedDbMs).toFixed(2)}× the baseline's time, ${Math.round(transactionMs - signaturesMs)} ms of it (about) after the checks end: ` +
      `it also writes each article's library entry (indexed by date and by image; ${throughput.rawWithEntriesMs} ms with the articles, no checks, in the same page) and reads which articles are stored, and it writes each article only once it is accepted`,
  );
  console.log(
    `  after the report is shown, not in the import's time: DOMPurify counts the other articles' unsafe parts and their rows fill in, ${throughput.countedAfterMs} ms`,
  );
  console.log(`Export of the whole library (${IMPORT_ARTICLES + 1} articles): ${throughput.exportMs} ms`);
  if (LOCKED_IMPORT_RUNS <= 0) return throughput;
  const locked = await measureImportRuns(DIST, IMPORT_ARTICLES, LOCKED_IMPORT_RUNS, { locked: true });
  console.log(
    `The same import with the library lock on (each article and its entry sealed, AES-GCM, under an opaque name), ${LOCKED_IMPORT_RUNS} runs; the run with the median ratio:`,
  );
  console.log(
    `  ${locked.importMs} ms (${describeSpread(locked.importMsSpread)}), ${locked.articlesPerSecond} articles per second; ` +
      `at ${locked.importToRawRatio}× the raw write rate (${locked.rawIndexedDbMs} ms in the same page; each run's ratio ${describeSpread(locked.importToRawRatioSpread, '×')})`,
  );
  const lockedPhases = ['read', 'decode', 'signatures', 'seal', 'transaction'].map(
    (phase) => `${phase} ${Math.round(locked.phasesMs[phase] ?? 0)} ms`,
  );
  console.log(`  phases: ${lockedPhases.join(', ')}`);
  return { ...throughput, locked };
}

if (ONLY === 'import') await writeOnly('importExport', await reportImportExport());

// Settings → Move to another address, from a blocked address to a new one, against the backup
// file made and restored through Settings (BENCH_MOVE_ARTICLES=0 leaves it out).
const MOVE_ARTICLES = Number(process.env.BENCH_MOVE_ARTICLES ?? 1000);
const MOVE_RUNS = Number(process.env.BENCH_MOVE_RUNS ?? 3);
async function reportMove(): Promise<MoveFigures | undefined> {
  if (MOVE_ARTICLES <= 0) return undefined;
  const move = await measureMove(DIST, MOVE_ARTICLES, MOVE_RUNS);
  const { move: moved, backupFile: file } = move;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const spread = (figure: { median: number; min: number; max: number }) =>
    `${seconds(figure.median)} (${seconds(figure.min)}–${seconds(figure.max)})`;
  console.log(
    `Move to another address, ${move.articles} articles (${move.images} with a photo), the old address's server stopped; median of ${move.runs} runs (min–max):`,
  );
  const target = TARGETS.moveThousandArticlesSeconds;
  const verdictFor =
    MOVE_ARTICLES === 1000 ? verdict(moved.totalMs.median <= target * 1000) : `not judged (${MOVE_ARTICLES} articles, not 1000)`;
  console.log(
    `  the move, click to “Your library is here”: ${spread(moved.totalMs)}, ${moved.articlesPerSecond} articles/s; target at most ${target} s for 1000 articles: ${verdictFor}`,
  );
  console.log(
    `    until the offer is shown ${spread(moved.untilOfferMs)}; transfer ${spread(moved.transferMs)}; restore ${spread(moved.restoreMs)}`,
  );
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `    the library's text: ${moved.characters.toLocaleString('en')} characters (UTF-16 units) in ${moved.parts} parts; as a backup file, ${megabytes(file.bytes)} of UTF-8`,
  );
  console.log(
    `    the new window asked what to take, as a restore asks, in ${moved.reviewedRuns} of ${move.runs} runs (everything taken at once)`,
  );
  console.log(
    `  baseline, a backup file made there and restored at another new address through Settings: ${spread(file.totalMs)}, ${file.articlesPerSecond} articles/s`,
  );
  console.log(
    `    back up ${spread(file.backUpMs)}; the new address opened ${spread(file.openMs)}; the file read ${spread(file.readMs)}; restore ${spread(file.restoreMs)}`,
  );
  return move;
}

if (ONLY === 'move') await writeOnly('move', await reportMove());

// A reader far behind catches up over a slow, far link (a VPN, Tor, a throttled network): the
// edition's pack against one file per article (as before packs), side by side, through the same
// throttling proxy on loopback, from a mirror that sends files as they are and from one that gzips
// JSON and HTML as most static hosts do (GitHub Pages, Netlify, Cloudflare, nginx with gzip), for
// both ways; BENCH_SYNC_ARTICLES=0 leaves it out, BENCH_SYNC_RUNS sets the runs of each.
const SYNC_ARTICLES = Number(process.env.BENCH_SYNC_ARTICLES ?? 500);
const SYNC_RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);
const SLOW_LINK = { latencyMs: 300, bitsPerSecond: 1_000_000 };
const SYNC_SPEEDUP_AT_LEAST = 10;
interface SyncRun {
  pack: SyncFigures;
  articleFiles: SyncFigures;
  speedup: number;
}
type SyncHost = 'plain' | 'gzip';
async function reportSync(): Promise<Record<SyncHost, { runs: SyncRun[]; medianSpeedup: number }> | undefined> {
  if (SYNC_ARTICLES <= 0) return undefined;
  const edition = await benchArticles(SYNC_ARTICLES);
  const hosts: Record<SyncHost, SyncRun[]> = { plain: [], gzip: [] };
  for (let run = 0; run < SYNC_RUNS; run++) {
    for (const host of ['plain', 'gzip'] as const) {
      const pack = await measureSync(DIST, edition, 'pack', SLOW_LINK, host === 'gzip');
      const articleFiles = await measureSync(DIST, edition, 'article files', SLOW_LINK, host === 'gzip');
      hosts[host].push({ pack, articleFiles, speedup: Math.round((articleFiles.ms / pack.ms) * 10) / 10 });
    }
  }
  const first = hosts.plain[0]!.pack;
  console.log(
    `Catch-up of ${SYNC_ARTICLES} articles (${kb(first.articleBytes)} of JSON, ${kb(first.articleGzipBytes)} gzipped) over a link of ` +
      `${SLOW_LINK.latencyMs} ms a request and ${SLOW_LINK.bitsPerSecond / 1e6} Mbit/s (a throttling proxy on loopback), ${SYNC_RUNS} runs each:`,
  );
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const figures: Record<SyncHost, { runs: SyncRun[]; medianSpeedup: number }> = {
    plain: { runs: hosts.plain, medianSpeedup: median(hosts.plain.map((run) => run.speedup)) },
    gzip: { runs: hosts.gzip, medianSpeedup: median(hosts.gzip.map((run) => run.speedup)) },
  };
  const describe = (way: SyncFigures) =>
    `${(way.ms / 1000).toFixed(1)} s, ${way.requests} requests, ${kb(way.bytesTransferred)} (index ${kb(way.indexBytes)})`;
  for (const host of ['plain', 'gzip'] as const) {
    console.log(
      host === 'plain'
        ? '  from a mirror that sends every file as it is (a plain static host: no compression; the index from its gzipped copy, both ways):'
        : '  from a mirror that gzips JSON and HTML, for both ways, as most static hosts do (the pack, Brotli already, sent as it is):',
    );
    hosts[host].forEach((run, at) =>
      console.log(
        `    run ${at + 1}: the pack ${describe(run.pack)}; article files ${describe(run.articleFiles)}; the pack ${run.speedup}× faster`,
      ),
    );
    const { pack } = hosts[host][0]!;
    const speedups = hosts[host].map((run) => run.speedup);
    const { medianSpeedup } = figures[host];
    console.log(
      `    the pack ${medianSpeedup}× faster, median (${Math.min(...speedups)}–${Math.max(...speedups)}); targets: at most 3 requests (${verdict(pack.requests <= 3)}), ` +
        `the articles at most 1.15× their gzipped JSON (${verdict(pack.bytesTransferred - pack.indexBytes <= 1.15 * pack.articleGzipBytes)}), ` +
        `at least ${SYNC_SPEEDUP_AT_LEAST}× faster (${verdict(medianSpeedup >= SYNC_SPEEDUP_AT_LEAST)})`,
    );
  }
  return figures;
}

if (ONLY === 'sync') await writeOnly('sync', await reportSync());

const IPFS_SYNC_ARTICLES = Number(process.env.BENCH_IPFS_ARTICLES ?? 500);
async function reportIpfs(): Promise<IpfsSyncFigures | undefined> {
  if (IPFS_SYNC_ARTICLES <= 0) return undefined;
  const figures = await measureIpfsSync(DIST, IPFS_SYNC_ARTICLES);
  console.log(`Sync of a ${figures.articles}-article edition, the same folder both ways, on loopback:`);
  for (const [label, way] of [
    ['from an HTTP mirror', figures.httpMirror],
    ['through a trustless gateway, blocks checked', figures.gateway],
  ] as const) {
    console.log(`  ${label.padEnd(44)} ${String(way.ms).padStart(6)} ms, ${way.requests} requests, ${kb(way.bytesTransferred)} of bodies`);
  }
  return figures;
}

if (ONLY === 'ipfs') await writeOnly('ipfs', await reportIpfs());

const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
const lighthouse = await measureLighthouse(DIST, LIGHTHOUSE_RUNS);
console.log(
  `Lighthouse ${lighthouse.lighthouseVersion}, mobile profile (simulated slow 4G, 4x CPU slowdown), median of ${lighthouse.runs} runs:`,
);
if (lighthouse.retries.length > 0)
  console.log(`  (${lighthouse.retries.length} run(s) made again after Lighthouse's runtime error: ${lighthouse.retries.join(', ')})`);
for (const [category, label, target] of [
  ['performance', 'performance', TARGETS.lighthousePerformanceAtLeast],
  ['accessibility', 'accessibility', TARGETS.lighthouseAccessibilityAtLeast],
  ['best-practices', 'best practices', TARGETS.lighthouseBestPracticesAtLeast],
] as const) {
  const score = lighthouse.scores[category];
  const spread = lighthouse.scoresPerRun.map((run) => run[category]).join(' ');
  console.log(
    `  ${label.padEnd(15)} ${String(score).padStart(3)} (runs: ${spread}); target at least ${target}: ${verdict(score >= target)}`,
  );
}
const { metrics } = lighthouse;
console.log(
  `  FCP ${metrics.fcpMs} ms, LCP ${metrics.lcpMs} ms, TBT ${metrics.tbtMs} ms, CLS ${metrics.cls}, Speed Index ${metrics.speedIndexMs} ms`,
);
for (const audit of lighthouse.failing) {
  const figure = audit.displayValue ? ` (${audit.displayValue})` : '';
  console.log(`  flagged, ${audit.category}: ${audit.id}: ${audit.title}${figure}; in ${audit.runs} of ${lighthouse.runs} runs`);
}
if (ONLY === 'lighthouse') await writeOnly('lighthouse', lighthouse);

const firstVisit = await reportFirstVisit();

const coldStarts: Record<string, unknown> = {};
for (const cpuThrottle of [1, 4]) {
  const label = cpuThrottle === 1 ? 'unthrottled' : `${cpuThrottle}x CPU throttling`;
  const app = await measureOfflineColdStarts(DIST, RUNS, cpuThrottle);
  const floor = await measureBlankPageFloor(RUNS, cpuThrottle);
  console.log(`Offline cold start to the library painted, ${label}:`);
  console.log(`  app:        ${describeSpread(app)}`);
  console.log(`  blank page: ${describeSpread(floor)} (baseline: a one-line page's first paint)`);
  coldStarts[label] = { app, blankPageBaseline: floor, appMinusBaselineMedian: Math.round((app.median - floor.median) * 10) / 10 };
  if (cpuThrottle === 1) {
    console.log(
      `  target: median at most ${TARGETS.offlineColdStartMedianMs} ms: ${app.median <= TARGETS.offlineColdStartMedianMs ? 'met' : 'NOT met'}`,
    );
  }
}

const bundleOverhead = await measureBundleOverhead();
console.log('Bundle size against its content (text gzipped plus image bytes):');
for (const [label, figures] of Object.entries(bundleOverhead)) {
  console.log(
    `  ${label.padEnd(9)} bundle ${kb(figures.bundleBytes)} (${kb(figures.bundleGzipBytes)} gzipped) for ${kb(figures.contentBytes)} of content: overhead ${figures.overheadPercent}% raw, ${figures.gzipOverheadPercent}% gzipped`,
  );
}
const linkPayload = await measureLinkPayload();
console.log(
  `Built-in sample as a link or QR payload: ${linkPayload.bytes} bytes compressed (${linkPayload.base64urlChars} characters in a link); target at most ${TARGETS.samplePayloadBytes}: ${verdict(linkPayload.bytes <= TARGETS.samplePayloadBytes)}`,
);
const throughput = await reportImportExport();
const publisher = await measurePublisher();
console.log('Publisher command, pages packed per second (one process, in turn):');
for (const [label, rates] of Object.entries(publisher)) {
  if (!rates) continue;
  const images = rates.packWithImagesPagesPerSecond === undefined ? '' : `, with images ${rates.packWithImagesPagesPerSecond}`;
  console.log(
    `  ${label.padEnd(9)} ${rates.pages} pages: pack ${rates.packPagesPerSecond}${images}; baseline, plain Readability on jsdom: ${rates.readabilityPagesPerSecond}`,
  );
}

const sync = await reportSync();

const qr = await measureQr();
console.log(
  `Animated QR, ${kb(qr.payloadBytes)} at the defaults (${qr.blockBytes} bytes a frame, ${qr.framesPerSecond} frames a second; k = ${qr.theoreticalMinimumFrames}):`,
);
console.log(
  `  no loss:       ${qr.noLoss.framesNeeded} frames (${qr.noLoss.overheadPercent}% over k), ${kb(qr.noLoss.bytesPerSecond)}/s; ` +
    `target at most ${TARGETS.animatedQrOverheadPercentNoLoss}% over: ${verdict(qr.noLoss.overheadPercent <= TARGETS.animatedQrOverheadPercentNoLoss)}`,
);
console.log(
  `  quarter lost:  ${qr.quarterLost.framesSent} frames sent, ${qr.quarterLost.framesNeeded} used (${qr.quarterLost.overheadPercent}% over k), ${kb(qr.quarterLost.bytesPerSecond)}/s; ` +
    `target at least ${kb(TARGETS.animatedQrBytesPerSecondQuarterLost)}/s: ${verdict(qr.quarterLost.bytesPerSecond >= TARGETS.animatedQrBytesPerSecondQuarterLost)}`,
);
console.log(`  decoding one frame (jsQR, as in the worker): ${qr.decodeMsPerFrame} ms`);

const scale = await reportScale();

const lock = await reportLock();

const nearby = await reportNearby();

const move = await reportMove();

const ipfs = await reportIpfs();

const results = {
  date: new Date().toISOString(),
  runs: RUNS,
  targets: TARGETS,
  firstVisit,
  offlineColdStart: coldStarts,
  bundleOverhead,
  linkPayload,
  importExport: throughput,
  publisher,
  ...(sync ? { sync } : {}),
  animatedQr: qr,
  ...(scale ? { scale } : {}),
  ...(lock ? { lock } : {}),
  ...(nearby ? { nearby } : {}),
  ...(move ? { move } : {}),
  ...(ipfs ? { ipfs } : {}),
  lighthouse,
};
await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log('Wrote bench/results.json');
