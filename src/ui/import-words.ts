import { msg, str } from '@lit/localize';
import type { ArticleOutcome } from '../import/import-report.ts';
import { formatNumber } from '../l10n/format.ts';
import { articleCount } from '../l10n/counts.ts';

export type Result = 'added' | 'replaced' | 'kept';

export function resultWords(result: Result): string {
  switch (result) {
    case 'added':
      return msg('added to the library');
    case 'replaced':
      return msg('a newer revision, replaced the older copy');
    case 'kept':
      return msg('already in the library');
  }
}

/** "990 added" in a big import's summary. */
function summaryWords(result: Result | 'refused', count: number): string {
  const n = formatNumber(count);
  switch (result) {
    case 'added':
      return msg(str`${n} added`);
    case 'replaced':
      return msg(str`${n} updated to a newer revision`);
    case 'kept':
      return msg(str`${n} already in the library`);
    case 'refused':
      return msg(str`${n} refused`);
  }
}

/** "1000 articles: 990 added, 10 refused." */
export function summaryOf(outcomes: readonly ArticleOutcome[]): string {
  const counts = new Map<Result | 'refused', number>();
  for (const outcome of outcomes) {
    const result = outcome.stored?.result ?? 'refused';
    counts.set(result, (counts.get(result) ?? 0) + 1);
  }
  const articles = articleCount(outcomes.length);
  // Intl.ListFormat's "unit" lists have no commas in Russian: the separator is the translators'.
  const results = [...counts].map(([result, count]) => summaryWords(result, count)).join(msg(', ', { id: 'list-separator' }));
  return msg(str`${articles}: ${results}.`);
}
