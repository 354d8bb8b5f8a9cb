import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { formatPublished } from '../l10n/format.ts';
import type { Article } from '../shared/article.ts';
import { correctionOf } from '../shared/correction.ts';

/**
 * What the library and the reader say of an article's dates, in the UI's language: when it was
 * published, or that its publisher did not say (never a date made up in its place), and for a
 * corrected article that it was corrected, and when. One piece each, for the caller to separate.
 */
export function articleDates(article: Pick<Article, 'published' | 'revision' | 'modified'>): TemplateResult[] {
  const published = article.published
    ? html`<time datetime=${article.published}>${formatPublished(article.published)}</time>`
    : html`<span>${msg('Date unknown', { desc: 'In place of an article’s publication date, when its publisher did not give one' })}</span>`;
  const correction = correctionOf(article);
  if (!correction) return [published];
  return [
    published,
    correction.date
      ? correctedOn(correction.date)
      : html`<span>${msg('Corrected', { desc: 'The publisher corrected the article (it does not say when)' })}</span>`,
  ];
}

function correctedOn(when: string): TemplateResult {
  const date = formatPublished(when);
  return html`<time datetime=${when}>${msg(str`Corrected ${date}`, { desc: 'The publisher corrected the article on this date' })}</time>`;
}
