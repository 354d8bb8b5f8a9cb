import type { Article } from '../article.ts';
import { BundleError } from './bundle-format.ts';

function fail(index: number, problem: string): never {
  throw new BundleError(`Article ${index + 1} in this bundle is damaged: ${problem}.`);
}

function requireString(record: Record<string, unknown>, key: string, index: number): string {
  const value = record[key];
  if (typeof value !== 'string' || value.trim() === '') fail(index, `its ${key} is missing`);
  return value;
}

function optionalString(record: Record<string, unknown>, key: string, index: number): void {
  if (record[key] !== undefined && typeof record[key] !== 'string') fail(index, `its ${key} is not text`);
}

/**
 * Checks that a payload entry has the shape of an article. Unknown fields are kept, untouched and
 * unused, so that an article from a newer minor version re-shares with its signature intact.
 */
export function parseArticle(entry: unknown, index: number): Article {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(index, 'it is not an object');
  const record = entry as Record<string, unknown>;
  for (const key of ['id', 'guid', 'title', 'lang', 'published', 'content']) requireString(record, key, index);
  for (const key of ['byline', 'url', 'summary']) optionalString(record, key, index);
  if (!Number.isSafeInteger(record.revision) || (record.revision as number) < 1) {
    fail(index, 'its revision is not a whole number from 1 up');
  }
  if (record.dir !== 'ltr' && record.dir !== 'rtl') fail(index, 'its direction is neither ltr nor rtl');
  const publisher = record.publisher;
  if (typeof publisher !== 'object' || publisher === null || typeof (publisher as { name?: unknown }).name !== 'string') {
    fail(index, 'its publisher has no name');
  }
  if (Number.isNaN(Date.parse(record.published as string))) fail(index, 'its publication date is not a date');
  return record as unknown as Article;
}
