import type { Article } from '../../src/shared/article.ts';

/** An unsigned article numbered `n`, published on the nth of January 2020, as the storage tests store them. */
export function numberedArticle(n: number, overrides: Partial<Article> = {}): Article {
  return {
    id: n.toString(16).padStart(64, '0'),
    guid: `urn:test:${n}`,
    revision: 1,
    title: `Article ${n}`,
    publisher: { name: 'Test Desk' },
    lang: 'en',
    dir: 'ltr',
    published: `2020-01-${String(n).padStart(2, '0')}T10:00:00Z`,
    content: `<p>Body of article ${n}.</p>`,
    ...overrides,
  };
}
