/**
 * `npm run corpus -- PATH`: packs every page of a Readability test corpus (folders holding
 * source.html, expected.html and expected-metadata.json, such as mozilla/readability's
 * test/test-pages) with the publisher's extraction, reads the article back out of the bundle, and
 * compares it with what Readability is expected to extract: word-level recall and precision of
 * the text, and the metadata. Prints one line per page and the share that matches.
 * Target: at least 95% of pages with recall ≥ 0.97 and precision ≥ 0.90.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { finishArticles } from '../src/cli/collect.ts';
import { articleFromPage } from '../src/cli/extract/page-article.ts';
import { plainTextOf } from '../src/shared/article.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';

/** The address Readability's own tests give every page, which its expected output assumes. */
const PAGE_URL = 'http://fakehost/test/page.html';
const RECALL_TARGET = 0.97;
const PRECISION_TARGET = 0.9;
const SHARE_TARGET = 0.95;

function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function overlap(expected: Map<string, number>, actual: Map<string, number>): { recall: number; precision: number } {
  let common = 0;
  for (const [word, count] of expected) common += Math.min(count, actual.get(word) ?? 0);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, count) => sum + count, 0);
  return { recall: common / Math.max(1, total(expected)), precision: common / Math.max(1, total(actual)) };
}

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
function metadataDifferences(
  expected: Metadata,
  article: import('../src/shared/article.ts').Article,
  extracted: { siteName?: string },
): string[] {
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

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) {
    console.error('Usage: npm run corpus -- PATH (a folder of page folders, each with source.html, expected.html, expected-metadata.json)');
    process.exit(2);
  }
  const pages = (await readdir(resolve(root), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  let passing = 0;
  let metadataMatching = 0;
  for (const page of pages) {
    const dir = join(resolve(root), page);
    const [source, expectedHtml, expectedMeta] = await Promise.all([
      readFile(join(dir, 'source.html'), 'utf8'),
      readFile(join(dir, 'expected.html'), 'utf8'),
      readFile(join(dir, 'expected-metadata.json'), 'utf8').then((text) => JSON.parse(text) as Metadata),
    ]);
    let line: string;
    try {
      const extracted = await articleFromPage(source, PAGE_URL, { images: false, allowPrivate: false, warn: () => undefined });
      const { articles, images } = await finishArticles([extracted]);
      const [article] = (await decodeBundle(encodeBundle(articles, images))).articles;
      const { recall, precision } = overlap(words(textOfHtml(expectedHtml)), words(plainTextOf(article!.content)));
      const ok = recall >= RECALL_TARGET && precision >= PRECISION_TARGET;
      const differences = metadataDifferences(expectedMeta, article!, { siteName: extracted.draft.publisher.name });
      if (ok) passing++;
      if (differences.length === 0) metadataMatching++;
      line = `${ok ? 'ok  ' : 'MISS'} ${page.padEnd(22)} recall ${recall.toFixed(3)}  precision ${precision.toFixed(3)}  metadata ${differences.length === 0 ? 'same' : `differs: ${differences.join(', ')}`}`;
    } catch (error) {
      line = `FAIL ${page.padEnd(22)} ${(error as Error).message}`;
    }
    console.log(line);
  }
  const share = passing / pages.length;
  console.log(
    `\n${passing} of ${pages.length} pages (${(share * 100).toFixed(1)}%) have recall ≥ ${RECALL_TARGET} and precision ≥ ${PRECISION_TARGET}; target ${SHARE_TARGET * 100}%: ${share >= SHARE_TARGET ? 'met' : 'NOT met'}.`,
  );
  console.log(`${metadataMatching} of ${pages.length} pages have the same metadata.`);
  process.exitCode = share >= SHARE_TARGET ? 0 : 1;
}

await main();
