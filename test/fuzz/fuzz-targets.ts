import '../setup-indexeddb.ts';
import fc from 'fast-check';
import type { Article } from '../../src/shared/article.ts';
import { BundleError, type DecodedImage } from '../../src/shared/bundle/bundle-format.ts';
import { compactPayload, decodeCompactPayload } from '../../src/shared/bundle/compact-payload.ts';
import { decodeBundle } from '../../src/shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../../src/shared/bundle/encode-bundle.ts';
import { DB_NAME } from '../../src/shared/db-schema.ts';
import { FountainDecoder, FountainEncoder } from '../../src/shared/qr/fountain.ts';
import { sha256Hex } from '../../src/shared/sha256.ts';
import { generateSigningKey, signArticle, unsignedArticle } from '../../src/shared/signing.ts';
import { verdictOf } from '../../src/shared/verdict.ts';
import { countArticles, saveArticles } from '../../src/storage/articles.ts';
import { closeDatabase } from '../../src/storage/database.ts';

/**
 * Property-based fuzzing of the codec and the import path (fast-check). Every input must end in
 * valid articles or a refusal that says why (a BundleError); never another exception, a hang, an
 * unhandled rejection, an invalid article stored, or a change to the library on refusal.
 */
export interface FuzzReport {
  target: string;
  tried: number;
  imported: number;
  refused: number;
  /** Inputs that ended in anything else: must be 0. */
  crashes: number;
  failures: string[];
}

/**
 * Long enough that a slow moment is not taken for a hang: fake-indexeddb leaves a backlog of
 * scheduled tasks after thousands of transactions, which can hold the event loop for seconds.
 */
const HANG_MS = 30_000;

async function withinTime<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${HANG_MS} ms: a hang`)), HANG_MS)))]);
  } finally {
    clearTimeout(timer);
  }
}

interface Corpus {
  articles: Article[];
  images: DecodedImage[];
  bundle: string;
  payload: Uint8Array;
}

async function corpus(): Promise<Corpus> {
  const key = await generateSigningKey();
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
  return { articles, images, bundle: encodeBundle(articles, images), payload: await compactPayload(articles) };
}

/** What a mutation may do to a text: flip, insert, delete, or cut it short. */
function mutatedText(original: string) {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(original.length - 1), text: fc.string({ maxLength: 8 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(original.length), text: fc.oneof(fc.string({ maxLength: 16 }), fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', '</script>', '<!--', '\\u0000', 'null', '1e999')) }),
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

/** Semantically the same article (a mutation that changed nothing that is signed), or not. */
function sameAs(article: Article, originals: Article[]): boolean {
  return originals.some((original) => JSON.stringify(original) === JSON.stringify(article));
}

/** Enough to see a change: stores are written all or nothing, and only on import. */
async function libraryState(): Promise<number> {
  return countArticles();
}

/**
 * One input through the whole import path: decode, check every signature, store what passes in one
 * transaction. Returns whether something was imported; throws only for a crash.
 */
async function importText(text: string, originals: Article[]): Promise<'imported' | 'refused'> {
  const before = await libraryState();
  let decoded;
  try {
    decoded = await decodeBundle(text);
  } catch (error) {
    if (!(error instanceof BundleError) || error.message.length < 10) throw error;
    if ((await libraryState()) !== before) throw new Error('a refused bundle changed the library');
    return 'refused';
  }
  const accepted: Article[] = [];
  for (const article of decoded.articles) {
    const verdict = await verdictOf(article, new Map());
    if (verdict.kind === 'refused') continue;
    // An article that passes must be one that was signed (or, unsigned, content-addressed) as is.
    if (verdict.kind !== 'unsigned' && !sameAs(article, originals)) throw new Error(`a changed article passed: ${article.title}`);
    accepted.push(article);
  }
  if (accepted.length === 0) return 'refused';
  await saveArticles(accepted, decoded.images.map((image) => ({ hash: image.hash, type: image.type, blob: new Blob([image.bytes as Uint8Array<ArrayBuffer>]) })));
  return 'imported';
}

async function run(target: string, arbitrary: fc.Arbitrary<unknown>, check: (input: never) => Promise<'imported' | 'refused'>, runs: number, seed: number): Promise<FuzzReport> {
  const report: FuzzReport = { target, tried: 0, imported: 0, refused: 0, crashes: 0, failures: [] };
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
          const outcome = await withinTime(check(input as never));
          report[outcome]++;
        } catch (error) {
          report.crashes++;
          if (report.failures.length < 5) report.failures.push(`${(error as Error).message} (input starts ${JSON.stringify(String(input).slice(0, 80))})`);
          if (process.env.FUZZ_SAVE_FAILURES) {
            const { writeFile } = await import('node:fs/promises');
            await writeFile(`${process.env.FUZZ_SAVE_FAILURES}/${target.replace(/\W+/g, '-')}-${report.tried}.txt`, typeof input === 'string' ? input : JSON.stringify(input));
          }
        }
        return true;
      }),
      { numRuns: runs, seed },
    );
  } finally {
    process.off('unhandledRejection', unhandled);
  }
  return report;
}

/** Every fuzz target, `runs` inputs each (the exhaustive single-byte target takes every byte). */
export async function fuzzAll(runs: number, seed = 20261125): Promise<FuzzReport[]> {
  await closeDatabase();
  indexedDB.deleteDatabase(DB_NAME);
  const base = await corpus();
  const reports: FuzzReport[] = [];

  reports.push(await run('random text as a bundle', fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant(''), fc.string().map((s) => `<script type="application/json" id="pamphlet-bundle">${s}`)), (text: string) => importText(text, base.articles), runs, seed));
  reports.push(await run('mutated bundles', mutatedText(base.bundle), (text: string) => importText(text, base.articles), runs, seed + 1));

  const payloadStart = base.bundle.indexOf('{"format"');
  const payloadEnd = base.bundle.indexOf('</script>', payloadStart);
  const payload = base.bundle.slice(payloadStart, payloadEnd);
  reports.push(
    await run(
      'mutated payload JSON',
      mutatedText(payload),
      (json: string) => importText(base.bundle.slice(0, payloadStart) + json + base.bundle.slice(payloadEnd), base.articles),
      runs,
      seed + 2,
    ),
  );

  reports.push(
    await run(
      'random and mutated link payloads',
      fc.oneof(fc.uint8Array({ maxLength: 4096 }), mutatedBytes(base.payload)),
      async (bytes: Uint8Array) => {
        try {
          const decoded = await decodeCompactPayload(bytes);
          for (const article of decoded.articles) {
            const verdict = await verdictOf(article, new Map());
            if (verdict.kind !== 'refused' && verdict.kind !== 'unsigned' && !sameAs(article, base.articles)) throw new Error('a changed article passed');
          }
          return 'imported';
        } catch (error) {
          if (error instanceof BundleError) return 'refused';
          throw error;
        }
      },
      runs,
      seed + 3,
    ),
  );

  const encoder = new FountainEncoder(base.payload, 200);
  reports.push(
    await run(
      'random and mutated QR frames',
      fc.array(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.nat(encoder.k * 3).chain((seedNumber) => mutatedBytes(encoder.frame(seedNumber))), fc.nat(encoder.k * 3).map((seedNumber) => encoder.frame(seedNumber))), { maxLength: 40 }),
      async (frames: Uint8Array[]) => {
        const decoder = new FountainDecoder();
        for (const frame of frames) decoder.add(frame);
        if (decoder.payload && Buffer.compare(Buffer.from(decoder.payload), Buffer.from(base.payload)) !== 0) throw new Error('rebuilt a payload that is not the one sent');
        return decoder.payload ? 'imported' : 'refused';
      },
      runs,
      seed + 4,
    ),
  );

  reports.push(await singleByteChanges(base));
  return reports;
}

/**
 * Every byte of the signed articles' JSON in the payload, changed: each change is caught (the
 * bundle refused, or the article refused), unless it changed nothing the signature covers (an
 * equivalent JSON escape, say), in which case the article is the same as it was signed.
 */
async function singleByteChanges(base: Corpus): Promise<FuzzReport> {
  const report: FuzzReport = { target: 'every single-byte change to signed articles', tried: 0, imported: 0, refused: 0, crashes: 0, failures: [] };
  const start = base.bundle.indexOf('"articles":[') + '"articles":['.length;
  const end = base.bundle.indexOf('],"images"', start);
  for (let at = start; at < end; at++) {
    const original = base.bundle.charCodeAt(at);
    const replacement = String.fromCharCode(original === 0x41 ? 0x42 : original ^ 0x01 || 0x41);
    const text = base.bundle.slice(0, at) + replacement + base.bundle.slice(at + 1);
    report.tried++;
    try {
      const decoded = await decodeBundle(text);
      const changed = decoded.articles.filter((article) => !sameAs(article, base.articles));
      for (const article of changed) {
        const verdict = await verdictOf(article, new Map());
        if (verdict.kind !== 'refused') throw new Error(`byte ${at - start} changed “${article.title}” and it still passed`);
      }
      if (changed.length === 0 && decoded.articles.length === base.articles.length) report.imported++;
      else report.refused++;
    } catch (error) {
      if (error instanceof BundleError) report.refused++;
      else {
        report.crashes++;
        if (report.failures.length < 5) report.failures.push((error as Error).message);
      }
    }
  }
  return report;
}
