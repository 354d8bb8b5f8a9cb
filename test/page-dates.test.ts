import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { pageDates } from '../src/dom/page-dates.ts';

const NOW = Date.parse('2026-12-07T09:00:00Z');

/** The dates of a page with `head` in its head and `body` in its body. */
function datesOf(head: string, body = '<article><h1>A report</h1><p>Text.</p></article>') {
  const { document } = new JSDOM(`<!doctype html><html><head><title>A report</title>${head}</head><body>${body}</body></html>`).window;
  return pageDates(document, NOW);
}

const jsonLd = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

test('JSON-LD comes first: an article node’s datePublished and dateModified, in a @graph or an array too', () => {
  assert.deepEqual(
    datesOf(
      jsonLd({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        datePublished: '2015-03-02T09:00:00+03:00',
        dateModified: '2015-03-04T10:00:00Z',
      }) + '<meta property="article:published_time" content="2020-01-01T00:00:00Z">',
    ),
    { published: '2015-03-02T06:00:00.000Z', modified: '2015-03-04T10:00:00.000Z' },
  );
  // Yoast's shape: a WebPage node first, with a date of its own, then the Article.
  assert.deepEqual(
    datesOf(
      jsonLd({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebPage', datePublished: '2015-01-01T00:00:00Z' },
          { '@type': ['Article', 'BlogPosting'], datePublished: { '@value': '2015-03-02T09:00:00Z' } },
        ],
      }),
    ),
    { published: '2015-03-02T09:00:00.000Z' },
  );
  assert.deepEqual(
    datesOf(
      jsonLd([
        { '@type': 'Organization', name: 'Desk' },
        { '@type': 'ReportageNewsArticle', datePublished: '2015-03-02' },
      ]),
    ),
    {
      published: '2015-03-02',
    },
  );
  // A page whose only node with a date is not an article still says when it was published.
  assert.deepEqual(datesOf(jsonLd({ '@type': 'WebPage', datePublished: '2014-05-06T07:08:09Z' })), {
    published: '2014-05-06T07:08:09.000Z',
  });
  // Broken JSON-LD says nothing; the next source speaks.
  assert.deepEqual(
    datesOf(
      '<script type="application/ld+json">{"@type": "NewsArticle", </script><meta property="article:published_time" content="2015-03-02T09:00:00Z">',
    ),
    {
      published: '2015-03-02T09:00:00.000Z',
    },
  );
});

test('then meta elements, in order: article:published_time, og:published_time, datePublished, Dublin Core', () => {
  const metas = [
    '<meta property="article:published_time" content="2015-03-01T00:00:00Z">',
    '<meta property="og:published_time" content="2015-03-02T00:00:00Z">',
    '<meta itemprop="datePublished" content="2015-03-03T00:00:00Z">',
    '<meta name="DC.date" content="2015-03-04">',
  ];
  for (let first = 0; first < metas.length; first++) {
    const expected = first === 3 ? '2015-03-04' : `2015-03-0${first + 1}T00:00:00.000Z`;
    assert.deepEqual(datesOf(metas.slice(first).reverse().join('')), { published: expected }, metas[first]);
  }
  assert.deepEqual(datesOf('<meta name="dcterms.issued" content="2015-03-05">'), { published: '2015-03-05' });
  assert.deepEqual(
    datesOf(
      '<meta property="article:published_time" content="2015-03-01T00:00:00Z"><meta property="article:modified_time" content="2015-03-09T12:00:00Z">',
    ),
    { published: '2015-03-01T00:00:00.000Z', modified: '2015-03-09T12:00:00.000Z' },
  );
});

test('then a <time datetime> in the article, not one elsewhere on the page', () => {
  assert.deepEqual(
    datesOf(
      '',
      '<aside><time datetime="2026-12-06">Latest</time></aside><article><h1>A report</h1><p>By Desk, <time datetime="2015-03-02T09:00:00Z">2 March 2015</time></p></article>',
    ),
    { published: '2015-03-02T09:00:00.000Z' },
  );
  assert.deepEqual(datesOf('', '<main><h1>A report</h1><time datetime="2015-03-02">2 March</time><p>Text.</p></main>'), {
    published: '2015-03-02',
  });
  assert.deepEqual(datesOf('', '<div><time datetime="2015-03-02">2 March</time></div><article><p>Text.</p></article>'), {});
  // Microdata on the element itself counts as the page's metadata.
  assert.deepEqual(datesOf('', '<div><time itemprop="datePublished" datetime="2015-03-02">2 March</time></div>'), {
    published: '2015-03-02',
  });
});

test('nothing made up: no date, a bare year or month, words, or a date in the future is no date', () => {
  assert.deepEqual(datesOf(''), {});
  for (const value of ['2015', '2015-03', 'yesterday', '2027-06-01T00:00:00Z', '']) {
    assert.deepEqual(datesOf(`<meta property="article:published_time" content="${value}">`), {}, value);
  }
  // A calendar day stays a calendar day, not midnight somewhere.
  assert.deepEqual(datesOf('<meta property="article:published_time" content="2015-03-02">'), { published: '2015-03-02' });
});
