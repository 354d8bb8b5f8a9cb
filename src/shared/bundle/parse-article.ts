import type { Article } from '../article.ts';
import type { ArticleDefect, ArticleField } from '../note.ts';
import { MAX_NESTING, nestsDeeperThan } from '../html/nesting-depth.ts';
import { isIsoDate, MAX_DATE_LENGTH } from '../iso-date.ts';
import { hiddenCharacterIn } from '../text/hidden-characters.ts';
import { BundleError } from './bundle-format.ts';

/**
 * Every field of an article is checked before anything else looks at it: a bundle is a file
 * anyone can edit, and the reader must never meet a value of a kind the app did not expect.
 * The limits are far above what any real article needs and far below what would hurt a phone.
 */
export const MAX_LENGTH = {
  guid: 2048,
  title: 1000,
  byline: 500,
  url: 2048,
  summary: 5000,
  lang: 64,
  published: MAX_DATE_LENGTH,
  content: 4 * 1024 * 1024,
} as const satisfies Record<string, number>;
export const MAX_PUBLISHER_NAME = 300;
/** How the reader is told which field is wrong. */
const FIELD = {
  guid: 'guid',
  title: 'title',
  lang: 'language',
  published: 'publication date',
  content: 'content',
  byline: 'byline',
  url: 'address',
  summary: 'summary',
} as const satisfies Record<string, ArticleField>;
/** C0 and C1 controls other than tab, line feed and carriage return; they have no place in text. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const ID = /^[0-9a-f]{64}$/;

function fail(index: number, defect: ArticleDefect): never {
  throw new BundleError({ code: 'article-damaged', index: index + 1, defect });
}

function checkText(value: unknown, field: ArticleField, index: number, maxLength: number, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string') fail(index, { code: required ? 'missing' : 'not-text', field });
  if (required && value.trim() === '') fail(index, { code: 'missing', field });
  if (value.length > maxLength) fail(index, { code: 'too-long', field, max: maxLength });
  if (field !== 'content' && CONTROL_CHARACTERS.test(value)) fail(index, { code: 'control-characters', field });
  const hidden = SHOWN_AS_NAMES.has(field) ? hiddenCharacterIn(value) : undefined;
  if (hidden) fail(index, { code: 'hidden-characters', field, character: hidden });
}

/** Fields the app shows as a line of text on its own (lists, headings, the trust form). */
const SHOWN_AS_NAMES: ReadonlySet<ArticleField> = new Set(['title', 'byline', 'publisher name']);

function checkWebAddress(value: unknown, field: ArticleField, index: number): void {
  if (value === undefined) return;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) fail(index, { code: 'not-web-address', field });
}

function checkLanguage(value: string, index: number): void {
  if (value === 'und') return;
  try {
    if (Intl.getCanonicalLocales(value).length === 1) return;
  } catch {
    // Reported below.
  }
  fail(index, { code: 'bad-language', value: value.slice(0, 20) });
}

/**
 * Checks that a payload entry is an article: every field of the right kind, length and form.
 * Unknown fields are kept, untouched and unused, so that an article from a newer minor version
 * re-shares with its signature intact.
 */
export function parseArticle(entry: unknown, index: number): Article {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(index, { code: 'not-object' });
  const record = entry as Record<string, unknown>;
  if (typeof record.id !== 'string' || !ID.test(record.id)) fail(index, { code: 'bad-id' });
  for (const key of ['guid', 'title', 'lang', 'content'] as const) checkText(record[key], FIELD[key], index, MAX_LENGTH[key], true);
  for (const key of ['byline', 'url', 'summary', 'published'] as const) checkText(record[key], FIELD[key], index, MAX_LENGTH[key], false);
  checkWebAddress(record.url, 'address', index);
  checkLanguage(record.lang as string, index);
  if (nestsDeeperThan(record.content as string)) fail(index, { code: 'too-deep', max: MAX_NESTING });
  if (!Number.isSafeInteger(record.revision) || (record.revision as number) < 1) {
    fail(index, { code: 'bad-revision' });
  }
  if (record.dir !== 'ltr' && record.dir !== 'rtl') fail(index, { code: 'bad-direction' });
  const publisher = record.publisher as Record<string, unknown> | null;
  if (typeof publisher !== 'object' || publisher === null || Array.isArray(publisher)) fail(index, { code: 'no-publisher' });
  checkText(publisher.name, 'publisher name', index, MAX_PUBLISHER_NAME, true);
  checkWebAddress(publisher.url, 'publisher’s address', index);
  // Absent when the publisher did not know it (readers made before it could be absent refuse such an
  // article). `modified` is not checked: those readers keep it unread, so none may refuse it.
  if (record.published !== undefined && !isIsoDate(record.published)) fail(index, { code: 'bad-date' });
  return record as unknown as Article;
}
