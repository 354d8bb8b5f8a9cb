import { msg, str } from '@lit/localize';
import { formatNumber } from '../format.ts';
import { plural } from './plural.ts';

/**
 * Counted nouns, in every plural form (see plural.ts), with the number in the UI's digits. Each
 * is a phrase that sentences use whole ("Deleted ${articles}."), so that a sentence needs no
 * plural forms of its own.
 */

/** "5 articles": a count of articles, to stand in any sentence. */
export function articleCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} articles`, { id: 'articles.zero' }),
    one: () => msg(str`${n} article`, { id: 'articles.one' }),
    two: () => msg(str`${n} articles`, { id: 'articles.two' }),
    few: () => msg(str`${n} articles`, { id: 'articles.few' }),
    many: () => msg(str`${n} articles`, { id: 'articles.many' }),
    other: () => msg(str`${n} articles`, { id: 'articles.other' }),
  });
}

/** "5 new articles", after a sync. */
export function newArticleCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} new articles`, { id: 'new-articles.zero' }),
    one: () => msg(str`${n} new article`, { id: 'new-articles.one' }),
    two: () => msg(str`${n} new articles`, { id: 'new-articles.two' }),
    few: () => msg(str`${n} new articles`, { id: 'new-articles.few' }),
    many: () => msg(str`${n} new articles`, { id: 'new-articles.many' }),
    other: () => msg(str`${n} new articles`, { id: 'new-articles.other' }),
  });
}

/** "3 mirrors" of a source. */
export function mirrorCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} mirrors`, { id: 'mirrors.zero' }),
    one: () => msg(str`${n} mirror`, { id: 'mirrors.one' }),
    two: () => msg(str`${n} mirrors`, { id: 'mirrors.two' }),
    few: () => msg(str`${n} mirrors`, { id: 'mirrors.few' }),
    many: () => msg(str`${n} mirrors`, { id: 'mirrors.many' }),
    other: () => msg(str`${n} mirrors`, { id: 'mirrors.other' }),
  });
}

/** "2 sources" restored from a backup. */
export function sourceCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} sources`, { id: 'sources.zero' }),
    one: () => msg(str`${n} source`, { id: 'sources.one' }),
    two: () => msg(str`${n} sources`, { id: 'sources.two' }),
    few: () => msg(str`${n} sources`, { id: 'sources.few' }),
    many: () => msg(str`${n} sources`, { id: 'sources.many' }),
    other: () => msg(str`${n} sources`, { id: 'sources.other' }),
  });
}

/** "2 trusted publishers" restored from a backup. */
export function publisherCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} trusted publishers`, { id: 'publishers.zero' }),
    one: () => msg(str`${n} trusted publisher`, { id: 'publishers.one' }),
    two: () => msg(str`${n} trusted publishers`, { id: 'publishers.two' }),
    few: () => msg(str`${n} trusted publishers`, { id: 'publishers.few' }),
    many: () => msg(str`${n} trusted publishers`, { id: 'publishers.many' }),
    other: () => msg(str`${n} trusted publishers`, { id: 'publishers.other' }),
  });
}

/** "2 unsafe parts" an article holds. */
export function unsafePartCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.zero' }),
    one: () => msg(str`${n} unsafe part`, { id: 'unsafe-parts.one' }),
    two: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.two' }),
    few: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.few' }),
    many: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.many' }),
    other: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.other' }),
  });
}

/** "5 frames a second", the speed of animated QR codes. */
export function frameRate(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} frames a second`, { id: 'frames-per-second.zero' }),
    one: () => msg(str`${n} frame a second`, { id: 'frames-per-second.one' }),
    two: () => msg(str`${n} frames a second`, { id: 'frames-per-second.two' }),
    few: () => msg(str`${n} frames a second`, { id: 'frames-per-second.few' }),
    many: () => msg(str`${n} frames a second`, { id: 'frames-per-second.many' }),
    other: () => msg(str`${n} frames a second`, { id: 'frames-per-second.other' }),
  });
}

/** "5 items" a feed holds. */
export function itemCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} items`, { id: 'items.zero' }),
    one: () => msg(str`${n} item`, { id: 'items.one' }),
    two: () => msg(str`${n} items`, { id: 'items.two' }),
    few: () => msg(str`${n} items`, { id: 'items.few' }),
    many: () => msg(str`${n} items`, { id: 'items.many' }),
    other: () => msg(str`${n} items`, { id: 'items.other' }),
  });
}
