import { directionOf, type TextDirection } from '../article.ts';
import type { Draft } from '../signing.ts';
import { withoutHiddenCharacters } from '../text/hidden-characters.ts';
import { isIsoDate } from '../iso-date.ts';
import { CONTROL_CHARACTERS, MAX_LENGTH, MAX_PUBLISHER_NAME } from './parse-article.ts';

const ALL_CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTERS.source, 'g');

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const last = value.charCodeAt(max - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * One line of text as a reader sees it: no control characters, no hidden characters (which a
 * received article's title or names may not hold), one space for any run of white space.
 */
function line(value: string, max: number): string {
  return cut(withoutHiddenCharacters(value.replace(ALL_CONTROL_CHARACTERS, '')).replace(/\s+/g, ' ').trim(), max).trim();
}

/** The tag in its canonical form (`EN-us` becomes `en-US`), or `und` for anything that is not one. */
export function canonicalLanguage(tag: string): string {
  const trimmed = tag.trim();
  if (trimmed === '' || trimmed.length > MAX_LENGTH.lang) return 'und';
  try {
    const [canonical] = Intl.getCanonicalLocales(trimmed);
    return canonical && canonical.length <= MAX_LENGTH.lang ? canonical : 'und';
  } catch {
    return 'und';
  }
}

function webAddress(value: string | undefined): string | undefined {
  if (value === undefined || value.length > MAX_LENGTH.url) return undefined;
  try {
    return /^https?:$/.test(new URL(value).protocol) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An article made from a page or a feed item that nobody checked (a saved page, a feed) brought
 * within what `parseArticle` accepts from any bundle, so that what the app stores or the publisher
 * packs is what every reader takes: a canonical language tag or `und`, a direction of `ltr` or
 * `rtl` only, text fields without control characters and cut to the codec's limits, web addresses
 * only, dates the codec takes or none. A title or publisher name that cleaning empties takes the
 * fallback given. What cannot be mended (content over the limit) is left for `parseArticle` to
 * refuse with its reason.
 */
export function normalizeDraft(draft: Draft, fallback: { title: string; publisherName: string }): Draft {
  const lang = canonicalLanguage(draft.lang);
  const dir: TextDirection = draft.dir === 'ltr' || draft.dir === 'rtl' ? draft.dir : directionOf(lang);
  const byline = draft.byline === undefined ? '' : line(draft.byline, MAX_LENGTH.byline);
  const summary =
    draft.summary === undefined ? '' : cut(draft.summary.replace(ALL_CONTROL_CHARACTERS, '').trim(), MAX_LENGTH.summary).trim();
  const url = webAddress(draft.url);
  const publisherUrl = webAddress(draft.publisher.url);
  const { byline: _byline, summary: _summary, url: _url, published: _published, modified: _modified, ...rest } = draft;
  return {
    ...rest,
    guid: cut(draft.guid.replace(ALL_CONTROL_CHARACTERS, '').trim(), MAX_LENGTH.guid),
    title: line(draft.title, MAX_LENGTH.title) || line(fallback.title, MAX_LENGTH.title),
    ...(byline ? { byline } : {}),
    publisher: {
      name: line(draft.publisher.name, MAX_PUBLISHER_NAME) || line(fallback.publisherName, MAX_PUBLISHER_NAME),
      ...(publisherUrl ? { url: publisherUrl } : {}),
    },
    ...(url ? { url } : {}),
    lang,
    dir,
    // A date the codec would refuse is left out, not replaced: no date is better than a made-up one.
    ...(isIsoDate(draft.published) ? { published: draft.published } : {}),
    ...(isIsoDate(draft.modified) ? { modified: draft.modified } : {}),
    ...(summary ? { summary } : {}),
  };
}
