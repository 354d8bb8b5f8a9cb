import { msg, str } from '@lit/localize';
import { formatNumber } from './format.ts';
import { plural } from './plural.ts';

/**
 * The one count the library's first screen says, apart from the others in counts.ts so that the
 * first screen loads only its own words.
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
