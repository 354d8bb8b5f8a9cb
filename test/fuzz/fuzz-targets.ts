// fake-indexeddb installs itself on `window` when there is one: it comes before the DOM.
import '../setup-indexeddb.ts';
import '../setup-defines.ts';
import '../setup-dom.ts';
import fc from 'fast-check';
import { importFile } from '../../src/import/import-file.ts';
import { importLink, importPayloadBytes } from '../../src/import/import-link.ts';
import type { ImportReport } from '../../src/import/import-report.ts';
import { signDescriptor } from '../../src/cli/edition/sign-descriptor.ts';
import type { DecodedImage } from '../../src/shared/bundle/bundle-format.ts';
import { compactPayload, linkFor } from '../../src/shared/bundle/compact-payload.ts';
import { encodeBundle } from '../../src/shared/bundle/encode-bundle.ts';
import { DB_NAME } from '../../src/shared/db-schema.ts';
import { sourceLink } from '../../src/shared/edition/source-link.ts';
import { FountainDecoder, FountainEncoder } from '../../src/shared/qr/fountain.ts';
import { sha256Hex } from '../../src/shared/sha256.ts';
import { importSigningKey, signArticle, unsignedArticle, type SigningKey } from '../../src/shared/signing.ts';
import { saveArticles } from '../../src/browser/storage/articles.ts';
import { closeDatabase } from '../../src/browser/storage/database.ts';
import { putReadingStates } from '../../src/browser/storage/reading.ts';
import { saveSearchIndex } from '../../src/browser/storage/search-store.ts';
import { saveSetting } from '../../src/browser/storage/settings.ts';
import { putSource } from '../../src/browser/storage/sources.ts';
import { trustPublisher } from '../../src/publishers/trust-publisher.ts';
import { judgedImport, type ImportOutcome, type Originals } from './import-verdict.ts';
import { libraryChanges, librarySnapshot } from './library-snapshot.ts';

/**
 * Property-based fuzzing of the codec and the import path (fast-check), through the app's own ways
 * in: a file (`importFile`), link text (`importLink`) and a QR payload (`importPayloadBytes`).
 * Every input must end in valid articles added, a source offered, or a refusal with a clear
 * message; never an exception, a hang, an unhandled rejection, or any other change to the library.
 */
export interface FuzzReport {
  target: string;
  tried: number;
  imported: number;
  offered: number;
  refused: number;
  /** QR frames that rebuilt nothing: the scanner would still be waiting. */
  waiting: number;
  /** Inputs that ended in anything else: must be 0. */
  crashes: number;
  failures: string[];
  /** The longest any one input took, judging included: how far the run stayed from a hang. */
  slowestMs: number;
}

/**
 * An input not answered in this long is a hang. The slowest take some 200 ms, and over a second
 * on a busy machine (each report gives its slowest); `npm run fuzz` also stops a batch that goes
 * quiet for longer (see fuzz-in-workers.ts).
 */
export const HANG_MS = 10_000;

/** `work`, timed into the report; a hang if it takes longer than HANG_MS. */
async function withinTime<T>(work: Promise<T>, report: FuzzReport): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = performance.now();
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${HANG_MS} ms: a hang`)), HANG_MS))),
    ]);
  } finally {
    clearTimeout(timer);
    report.slowestMs = Math.max(report.slowestMs, performance.now() - started);
  }
}

/** PKCS#8's fixed start for an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * A key made from a name, the same on every run: Ed25519 signatures are deterministic, so with it
 * the corpus, and so every mutated input, is the same for the same seed, and a failure repeats.
 */
async function fixedKey(name: string): Promise<SigningKey> {
  const pkcs8 = Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(await sha256Hex(`pamphlet fuzz key: ${name}`), 'hex')]);
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const { x } = await crypto.subtle.exportKey('jwk', key);
  return importSigningKey(pkcs8, x!);
}

interface Corpus extends Originals {
  images: DecodedImage[];
  bundle: string;
  payload: Uint8Array;
  link: string;
  sourceLink: string;
}

const APP_URL = 'https://pamphlet.example/app/';

async function corpus(): Promise<Corpus> {
  const key = await fixedKey('publisher');
  const image = new Uint8Array(600).map((_, index) => (index * 37) % 256);
  const hash = await sha256Hex(image);
  const draft = (n: number) => ({
    guid: `urn:fuzz:${n}`,
    revision: 1,
    title: `Fuzzed article ${n} — «тест» عربى`,
    byline: 'A. Writer',
    publisher: { name: 'Fuzz Desk', url: 'https://fuzz.example/' },
    lang: n === 2 ? 'ar' : 'en',
    dir: n === 2 ? ('rtl' as const) : ('ltr' as const),
    published: '2026-01-0' + n,
    content: `<p>Paragraph of article ${n} with <a href="https://fuzz.example/">a link</a>.</p><img src="sha256:${hash}" alt="pic">`,
  });
  const articles = [await signArticle(draft(1), key), await signArticle(draft(2), key), await unsignedArticle(draft(3))];
  const images = [{ hash, type: 'image/png', bytes: image }];
  const descriptor = await signDescriptor(key, { name: 'Fuzz Desk', mirrors: ['https://fuzz.example/edition/'], sequence: 7 });
  const payload = await compactPayload(articles, undefined, [descriptor]);
  return {
    articles,
    descriptor,
    images,
    bundle: encodeBundle(articles, images, { publishers: [descriptor] }),
    payload,
    link: linkFor(APP_URL, payload),
    sourceLink: await sourceLink(APP_URL, descriptor),
  };
}

/** What a mutation may do to a text: flip, insert, delete, or cut it short. */
function mutatedText(original: string) {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(original.length - 1), text: fc.string({ maxLength: 8 }) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(original.length),
      text: fc.oneof(
        fc.string({ maxLength: 16 }),
        fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', '</script>', '<!--', '\\u0000', 'null', '1e999'),
      ),
    }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(original.length - 1), length: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(original.length) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let text = original;
    for (const step of edits) {
      const at = Math.min(step.at, text.length);
      if (step.kind === 'replace') text = text.slice(0, at) + step.text + text.slice(at + step.text.length);
      else if (step.kind === 'insert') text = text.slice(0, at) + step.text + text.slice(at);
      else if (step.kind === 'delete') text = text.slice(0, at) + text.slice(at + step.length);
      else text = text.slice(0, at);
    }
    return text;
  });
}

function mutatedBytes(original: Uint8Array) {
  return fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }).chain((flips) =>
    fc.nat(original.length).map((cut) => {
      const bytes = Uint8Array.from(original);
      for (const [at, mask] of flips) bytes[at]! ^= mask;
      return cut > original.length - 8 ? bytes : bytes.subarray(0, cut);
    }),
  );
}

/** The library every input meets: a record in every store that a reader could have. */
async function seedLibrary(): Promise<void> {
  await closeDatabase();
  await new Promise((resolve) => (indexedDB.deleteDatabase(DB_NAME).onsuccess = resolve));
  const other = await fixedKey('already trusted');
  const kept = await signArticle(
    {
      guid: 'urn:kept:1',
      revision: 2,
      title: 'Already in the library',
      byline: '',
      publisher: { name: 'Other Desk', url: 'https://other.example/' },
      lang: 'en',
      dir: 'ltr',
      published: '2025-12-31',
      content: '<p>Kept.</p>',
    },
    other,
  );
  await saveArticles([kept], []);
  await putReadingStates([{ articleId: kept.id, read: true, position: 0.5, updatedAt: 1, starred: true, tags: ['kept'] }]);
  await trustPublisher(other.publicKey, 'Other Desk');
  await putSource({ kind: 'feed', id: 'https://feed.example/rss', name: 'A followed feed', addedAt: 1, mirrorStatus: {} });
  await saveSetting('theme', 'sepia');
  await saveSearchIndex({ format: 'fuzz', savedAt: 1 });
}

/**
 * One input through one of the app's ways in, judged against the whole library before and after
 * (see import-verdict.ts). A library an import added to is seeded afresh, so that every input
 * meets the same library and a snapshot stays small.
 */
async function judged(importing: () => Promise<ImportReport>, originals: Originals): Promise<ImportOutcome> {
  const before = await librarySnapshot();
  let report = await importing();
  // A link's or a QR code's articles wait for the reader: until then nothing may have changed.
  // Then the fuzzer adds them, as a reader would, and the import is judged like any other.
  if (report.held) {
    const changed = libraryChanges(before, await librarySnapshot());
    if (changed.length > 0)
      throw new Error(`a held import changed the library before it was added: ${changed[0]!.store} ${changed[0]!.key.slice(0, 80)}`);
    report = await report.held.add({});
  }
  const after = await librarySnapshot();
  const outcome = await judgedImport(report, before, after, originals);
  if (libraryChanges(before, after).length > 0) await seedLibrary();
  return outcome;
}

/** Text as a file handed to the app (picked, dropped, shared or opened): bundle, source file or web page. */
function importText(text: string, originals: Originals): Promise<ImportOutcome> {
  return judged(() => importFile(new File([text], 'fuzzed.html', { type: 'text/html' })), originals);
}

function importLinkText(text: string, originals: Originals): Promise<ImportOutcome> {
  return judged(() => importLink(text), originals);
}

function importQrPayload(bytes: Uint8Array, originals: Originals): Promise<ImportOutcome> {
  return judged(() => importPayloadBytes(bytes, 'QR code'), originals);
}

/** Told after every PROGRESS_EVERY inputs of a target, so that a long run shows it is moving (and how fast). */
export type FuzzProgress = (target: string, tried: number) => void;
const PROGRESS_EVERY = 100;

async function run(
  target: string,
  arbitrary: fc.Arbitrary<unknown>,
  check: (input: never) => Promise<ImportOutcome>,
  runs: number,
  seed: number,
  progress?: FuzzProgress,
): Promise<FuzzReport> {
  const report: FuzzReport = { target, tried: 0, imported: 0, offered: 0, refused: 0, waiting: 0, crashes: 0, failures: [], slowestMs: 0 };
  const unhandled = (reason: unknown) => {
    report.crashes++;
    report.failures.push(`unhandled rejection: ${String(reason)}`);
  };
  process.on('unhandledRejection', unhandled);
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        report.tried++;
        try {
          const outcome = await withinTime(check(input as never), report);
          report[outcome]++;
        } catch (error) {
          report.crashes++;
          if (report.failures.length < 5)
            report.failures.push(
              `${(error as Error).message} (fast-check seed ${seed}, input ${report.tried}, which starts ${JSON.stringify(String(input).slice(0, 80))})`,
            );
          if (process.env.FUZZ_SAVE_FAILURES) {
            const { writeFile } = await import('node:fs/promises');
            await writeFile(
              `${process.env.FUZZ_SAVE_FAILURES}/${target.replace(/\W+/g, '-')}-${report.tried}.txt`,
              typeof input === 'string' ? input : JSON.stringify(input),
            );
          }
          // Whatever the failed input did to the library, the next one meets the same library as the others.
          await seedLibrary();
        }
        if (report.tried % PROGRESS_EVERY === 0) progress?.(target, report.tried);
        return true;
      }),
      { numRuns: runs, seed },
    );
  } finally {
    process.off('unhandledRejection', unhandled);
  }
  return report;
}

/** A link as people pass it on: bare, inside a message, or cut and pasted with a space or line break. */
function linkInText() {
  return fc.constantFrom(
    (text: string) => text,
    (text: string) => `Read this: ${text} — pass it on`,
    (text: string) => ` ${text}\n`,
    (text: string) => text.replace('#', '?link=x#'),
  );
}

export interface FuzzOptions {
  runs: number;
  seed?: number;
  /** The single-byte target changes every `byteStride`th byte, from the `byteOffset`th; every byte by default. */
  byteStride?: number;
  byteOffset?: number;
  /** Only these targets (names from FUZZ_TARGETS); all of them by default. */
  targets?: readonly string[];
  progress?: FuzzProgress;
}

export const SINGLE_BYTE_TARGET = 'every single-byte change to signed articles';

/** Every target's name, in the order they run; the single-byte target, which takes no `runs`, last. */
export const FUZZ_TARGETS = [
  'random text as a file',
  'mutated bundles',
  'mutated payload JSON',
  'random and mutated link text',
  'random and mutated QR payloads',
  'random and mutated QR frames',
  SINGLE_BYTE_TARGET,
] as const;

/**
 * Every fuzz target, `runs` inputs each, and every byte of the signed articles changed once (a
 * changed article that passes imports the others, and reseeding the library after each of those
 * is what a short run cannot afford: it passes a stride).
 */
export async function fuzzAll({
  runs,
  seed = 20261125,
  byteStride = 1,
  byteOffset = 0,
  targets = FUZZ_TARGETS,
  progress,
}: FuzzOptions): Promise<FuzzReport[]> {
  await seedLibrary();
  const base = await corpus();
  const reports: FuzzReport[] = [];
  const text = (input: string) => importText(input, base);
  const target = async <T>(
    name: (typeof FUZZ_TARGETS)[number],
    arbitrary: fc.Arbitrary<T>,
    check: (input: T) => Promise<ImportOutcome>,
    seedOffset: number,
  ) => {
    if (targets.includes(name)) reports.push(await run(name, arbitrary, check, runs, seed + seedOffset, progress));
  };

  await target(
    'random text as a file',
    fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constant(''),
      fc.string().map((s) => `<script type="application/json" id="pamphlet-bundle">${s}`),
    ),
    text,
    0,
  );
  await target('mutated bundles', mutatedText(base.bundle), text, 1);

  const payloadStart = base.bundle.indexOf('{"format"');
  const payloadEnd = base.bundle.indexOf('</script>', payloadStart);
  const payload = base.bundle.slice(payloadStart, payloadEnd);
  await target(
    'mutated payload JSON',
    mutatedText(payload),
    (json) => text(base.bundle.slice(0, payloadStart) + json + base.bundle.slice(payloadEnd)),
    2,
  );

  const fragment = fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_='),
    maxLength: 600,
  });
  await target(
    'random and mutated link text',
    fc
      .tuple(
        fc.oneof(
          mutatedText(base.link),
          mutatedText(base.sourceLink),
          fc.constant(base.link),
          fc.constant(base.sourceLink),
          fragment.map((f) => `${APP_URL}#bundle=${f}`),
          fragment.map((f) => `${APP_URL}#source=${f}`),
          fc.string(),
        ),
        linkInText(),
      )
      .map(([link, wrap]) => wrap(link)),
    (link) => importLinkText(link, base),
    3,
  );

  await target(
    'random and mutated QR payloads',
    fc.oneof(fc.uint8Array({ maxLength: 4096 }), mutatedBytes(base.payload), fc.constant(base.payload)),
    (bytes) => importQrPayload(bytes, base),
    4,
  );

  const encoder = new FountainEncoder(base.payload, 200);
  const goodFrames = Array.from({ length: encoder.k * 3 }, (_, seedNumber) => encoder.frame(seedNumber));
  const goodFrame = fc.constantFrom(...goodFrames);
  const damagedFrame = fc.constantFrom(...goodFrames).chain(mutatedBytes);
  await target(
    'random and mutated QR frames',
    fc.oneof(
      // Anything: random bytes, damaged frames and good ones, mostly too few good ones to rebuild.
      fc.array(fc.oneof(fc.uint8Array({ maxLength: 400 }), damagedFrame, goodFrame), { maxLength: 40 }),
      // What a camera sees: enough good frames, some of them lost, in any order, among damaged ones.
      fc
        .tuple(
          fc.shuffledSubarray(goodFrames, { minLength: encoder.k }),
          fc.array(fc.oneof(damagedFrame, fc.uint8Array({ maxLength: 400 })), { maxLength: 8 }),
        )
        .chain(([good, bad]) => fc.shuffledSubarray([...good, ...bad], { minLength: good.length + bad.length })),
    ),
    async (frames) => {
      const decoder = new FountainDecoder();
      for (const frame of frames) decoder.add(frame);
      // Frames that rebuild nothing leave the scanner waiting: nothing is imported, nothing to refuse.
      if (!decoder.payload) return 'waiting';
      if (Buffer.compare(Buffer.from(decoder.payload), Buffer.from(base.payload)) !== 0)
        throw new Error('rebuilt a payload that is not the one sent');
      return importQrPayload(decoder.payload, base);
    },
    5,
  );

  if (targets.includes(SINGLE_BYTE_TARGET)) reports.push(await singleByteChanges(base, byteStride, byteOffset, progress));
  return reports;
}

/**
 * Every byte of the signed articles' JSON in the bundle, changed, and the file imported: each
 * change is caught (the bundle or the article refused) unless it changed nothing the signature
 * covers (an equivalent JSON escape, say), in which case the article stored is the one signed.
 */
async function singleByteChanges(base: Corpus, stride: number, offset: number, progress?: FuzzProgress): Promise<FuzzReport> {
  const report: FuzzReport = {
    target: SINGLE_BYTE_TARGET,
    tried: 0,
    imported: 0,
    offered: 0,
    refused: 0,
    waiting: 0,
    crashes: 0,
    failures: [],
    slowestMs: 0,
  };
  const start = base.bundle.indexOf('"articles":[') + '"articles":['.length;
  const end = base.bundle.indexOf('],"images"', start);
  for (let at = start + offset; at < end; at += stride) {
    const original = base.bundle.charCodeAt(at);
    const replacement = String.fromCharCode(original === 0x41 ? 0x42 : original ^ 0x01 || 0x41);
    report.tried++;
    try {
      report[await withinTime(importText(base.bundle.slice(0, at) + replacement + base.bundle.slice(at + 1), base), report)]++;
    } catch (error) {
      report.crashes++;
      if (report.failures.length < 5) report.failures.push(`byte ${at - start}: ${(error as Error).message}`);
      await seedLibrary();
    }
    if (report.tried % PROGRESS_EVERY === 0) progress?.(report.target, report.tried);
  }
  return report;
}
