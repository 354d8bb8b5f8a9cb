/**
 * `npm run corpus -- PATH [--except OTHER]`: packs every page of a Readability test corpus (folders
 * holding source.html, expected.html and expected-metadata.json, such as mozilla/readability's
 * test/test-pages) with the publisher's extraction, reads the article back out of the bundle, and
 * compares it with what Readability is expected to extract: word-level recall and precision of
 * the text, and the metadata. Beside it, bare Readability on the same page, so that whatever the
 * pipeline (the first pass, the sanitizer, the normalization, the codec) loses shows by page name.
 * `--except OTHER` leaves out the pages that OTHER also holds (the pages the extraction was tuned on).
 * Target: at least 95% of pages with recall ≥ 0.97 and precision ≥ 0.90.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { finishArticles } from '../src/cli/collect.ts';
import { articleFromPage } from '../src/cli/extract/page-article.ts';
import { plainTextOf, type Article } from '../src/shared/article.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { textOverlap, wordCounts, type Overlap, type WordCounts } from './corpus/text-overlap.ts';

/** The address Readability's own tests give every page, which its expected output assumes. */
const PAGE_URL = 'http://fakehost/test/page.html';
const RECALL_TARGET = 0.97;
const PRECISION_TARGET = 0.9;
const SHARE_TARGET = 0.95;
/** Less than this below bare Readability is noise (a caption's word), not a loss worth naming. */
const LOSS_MARGIN = 0.005;

function textOfHtml(html: string): string {
  const { document } = new JSDOM(`<!doctype html><body>${html}`).window;
  return document.body.textContent ?? '';
}

interface Metadata {
  title?: string | null;
  byline?: string | null;
  dir?: string | null;
  lang?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
}

/** Metadata fields that differ, compared as Pamphlet keeps them. */
function metadataDifferences(expected: Metadata, article: Article, extracted: { siteName?: string }): string[] {
  const differences: string[] = [];
  const same = (a: unknown, b: unknown) => (a ?? '') === (b ?? '');
  if (!same(expected.title?.trim(), article.title)) differences.push('title');
  if (!same(expected.byline?.trim() || undefined, article.byline)) differences.push('byline');
  if (expected.dir && expected.dir !== article.dir) differences.push('dir');
  if (expected.lang && expected.lang !== article.lang) differences.push('lang');
  if (expected.siteName && expected.siteName.trim() !== extracted.siteName) differences.push('siteName');
  if (
    expected.publishedTime &&
    (!article.published || new Date(expected.publishedTime).getTime() !== new Date(article.published).getTime())
  )
    differences.push('publishedTime');
  return differences;
}

function meetsTarget({ recall, precision }: Overlap): boolean {
  return recall >= RECALL_TARGET && precision >= PRECISION_TARGET;
}

function figures({ recall, precision }: Overlap): string {
  return `recall ${recall.toFixed(3)} precision ${precision.toFixed(3)}`;
}

/**
 * Readability alone on the page, as its own tests run it: jsdom, nothing before or after. Style
 * sheets are left out, which Readability removes unread: jsdom's CSS parser throws on some of them
 * (cssstyle's border shorthands), and takes the whole run down with it.
 */
function bareReadability(source: string, expected: WordCounts): Overlap {
  const { document } = new JSDOM(source.replace(/<style\b[\s\S]*?<\/style\s*>/gi, ''), { url: PAGE_URL }).window;
  const parsed = new Readability(document).parse();
  return textOverlap(expected, wordCounts(textOfHtml(parsed?.content ?? '')));
}

/** What the pipeline lost against bare Readability, in words, or nothing. */
function lossAgainst(bare: Overlap, pipeline: Overlap | undefined): string | undefined {
  if (!pipeline) return 'the pipeline made no article';
  const losses = [
    ...(pipeline.recall < bare.recall - LOSS_MARGIN ? [`recall −${(bare.recall - pipeline.recall).toFixed(3)}`] : []),
    ...(pipeline.precision < bare.precision - LOSS_MARGIN ? [`precision −${(bare.precision - pipeline.precision).toFixed(3)}`] : []),
  ];
  return losses.length > 0 ? losses.join(', ') : undefined;
}

async function pageFolders(root: string): Promise<string[]> {
  return (await readdir(resolve(root), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { except: { type: 'string' } } });
  const root = positionals[0];
  if (!root) {
    console.error(
      'Usage: npm run corpus -- PATH [--except OTHER] (a folder of page folders, each with source.html, expected.html, expected-metadata.json)',
    );
    process.exit(2);
  }
  const left = new Set(values.except ? await pageFolders(values.except) : []);
  const pages = (await pageFolders(root)).filter((page) => !left.has(page));
  let passing = 0;
  let barePassing = 0;
  let metadataMatching = 0;
  const losses: string[] = [];
  for (const page of pages) {
    const dir = join(resolve(root), page);
    const [source, expectedHtml, expectedMeta] = await Promise.all([
      readFile(join(dir, 'source.html'), 'utf8'),
      readFile(join(dir, 'expected.html'), 'utf8'),
      readFile(join(dir, 'expected-metadata.json'), 'utf8').then((text) => JSON.parse(text) as Metadata),
    ]);
    const expected = wordCounts(textOfHtml(expectedHtml));
    const bare = bareReadability(source, expected);
    if (meetsTarget(bare)) barePassing++;
    let pipeline: Overlap | undefined;
    let outcome: string;
    try {
      const extracted = await articleFromPage(source, PAGE_URL, { images: false, allowPrivate: false, warn: () => undefined });
      const { articles, images } = await finishArticles([extracted]);
      const [article] = (await decodeBundle(encodeBundle(articles, images))).articles;
      pipeline = textOverlap(expected, wordCounts(plainTextOf(article!.content)));
      const differences = metadataDifferences(expectedMeta, article!, { siteName: extracted.draft.publisher.name });
      if (meetsTarget(pipeline)) passing++;
      if (differences.length === 0) metadataMatching++;
      outcome = `${meetsTarget(pipeline) ? 'ok  ' : 'MISS'} ${page.padEnd(26)} ${figures(pipeline)}  metadata ${differences.length === 0 ? 'same' : `differs: ${differences.join(', ')}`}`;
    } catch (error) {
      outcome = `FAIL ${page.padEnd(26)} ${(error as Error).message}`;
    }
    const loss = lossAgainst(bare, pipeline);
    if (loss) losses.push(`${page} (${loss})`);
    console.log(`${outcome}\n     ${''.padEnd(26)} bare Readability: ${figures(bare)}${loss ? `; the pipeline loses ${loss}` : ''}`);
  }
  const share = passing / pages.length;
  const percent = (count: number) => `${((count / pages.length) * 100).toFixed(1)}%`;
  console.log(
    `\n${passing} of ${pages.length} pages (${percent(passing)}) have recall ≥ ${RECALL_TARGET} and precision ≥ ${PRECISION_TARGET}; target ${SHARE_TARGET * 100}%: ${share >= SHARE_TARGET ? 'met' : 'NOT met'}.`,
  );
  console.log(`Bare Readability: ${barePassing} of ${pages.length} (${percent(barePassing)}).`);
  console.log(`Pages where the pipeline falls short of bare Readability: ${losses.length === 0 ? 'none' : losses.join('; ')}.`);
  console.log(`${metadataMatching} of ${pages.length} pages have the same metadata.`);
  process.exitCode = share >= SHARE_TARGET ? 0 : 1;
}

await main();
