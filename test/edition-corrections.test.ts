import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paragraphs, runPamphlet } from './helpers/pamphlet-cli.ts';
import type { Article } from '../src/shared/article.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { INDEX_FILE, type EditionIndex } from '../src/shared/edition/edition-format.ts';
import { parseEditionIndex } from '../src/shared/edition/parse-edition.ts';
import { checkSignature } from '../src/shared/signing.ts';

let work = '';
const pamphlet = (...args: string[]) => runPamphlet(work, ...args);

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-corrections-'));
  assert.equal((await pamphlet('keygen', '--out', 'key.pem')).code, 0);
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

const CANONICAL = 'https://news.example/2015/03/02/council-vote';

/** A news page at one canonical address, as a newsroom's site serves it on the day it is saved. */
function reportPage({ head = '', byline = 'Olena Test', body = paragraphs('the council vote') } = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council vote | Test Site</title>
    <link rel="canonical" href="${CANONICAL}"><meta property="og:site_name" content="Test Site"><meta name="author" content="${byline}">${head}</head>
    <body><nav>Menu</nav><article><h1>Council vote</h1>${body}</article></body></html>`;
}

const PUBLISHED_2015 = '<meta property="article:published_time" content="2015-03-02T09:00:00Z">';

async function edition(
  folder: string,
  ...inputs: string[]
): Promise<{ stdout: string; index: EditionIndex; articles: Article[]; files: string[] }> {
  const result = await pamphlet('edition', ...inputs, '--key', 'key.pem', '--out', folder, '--name', 'Test Desk');
  assert.equal(result.code, 0, result.stderr);
  const index = await parseEditionIndex(JSON.parse(await readFile(join(work, folder, INDEX_FILE), 'utf8')));
  const files = await Promise.all(index.articles.map((entry) => readFile(join(work, folder, entry.path), 'utf8')));
  const articles = await Promise.all(files.map(async (file) => (await decodeBundle(file)).articles[0]!));
  return { stdout: result.stdout, index, articles, files };
}

test('a re-run keeps an unchanged page as it was, and issues a changed one as a correction readers replace theirs with', async () => {
  // Saved today, written in 2015: the page's own date, never the file's.
  await writeFile(join(work, 'report.html'), reportPage({ head: PUBLISHED_2015 }));
  const first = await edition('desk', 'report.html');
  assert.match(first.stdout, /1 added, 0 replaced \(corrected\), 0 unchanged, 1 in all/);
  const [original] = first.articles;
  assert.equal(original!.published, '2015-03-02T09:00:00.000Z');
  assert.equal(original!.revision, 1);
  assert.equal(original!.modified, undefined);

  // The same page saved again (a newer file, the same words): nothing changes, not even a byte.
  await writeFile(join(work, 'report.html'), reportPage({ head: PUBLISHED_2015 }));
  await utimes(join(work, 'report.html'), new Date(), new Date());
  const again = await edition('desk', 'report.html');
  assert.match(again.stdout, /0 added, 0 replaced \(corrected\), 1 unchanged, 1 in all/);
  assert.equal(again.files[0], first.files[0]);
  assert.deepEqual(again.index.articles, first.index.articles);

  // Markup around the same words (a newer site template) corrects nothing either.
  await writeFile(
    join(work, 'report.html'),
    reportPage({ head: PUBLISHED_2015, body: `<div class="body-copy">${paragraphs('the council vote')}</div>` }),
  );
  assert.match((await edition('desk', 'report.html')).stdout, /0 added, 0 replaced \(corrected\), 1 unchanged/);

  // The newsroom corrects the text at the same address; its CMS says when.
  const correctedAt = new Date().toISOString();
  const wrong = paragraphs('the council vote');
  const right = wrong.replace('Paragraph 3 about the council vote', 'Paragraph 3 about the council vote, which passed 7 to 2');
  await writeFile(
    join(work, 'report.html'),
    reportPage({ head: `${PUBLISHED_2015}<meta property="article:modified_time" content="${correctedAt}">`, body: right }),
  );
  const corrected = await edition('desk', 'report.html');
  assert.match(corrected.stdout, /0 added, 1 replaced \(corrected\), 0 unchanged, 1 in all/);
  const [revised] = corrected.articles;
  assert.equal(revised!.id, original!.id, 'the same id: readers replace their copy');
  assert.equal(revised!.revision, 2);
  assert.equal(corrected.index.articles[0]!.revision, 2);
  assert.equal(revised!.modified, correctedAt);
  assert.equal(revised!.published, '2015-03-02T09:00:00.000Z');
  assert.match(revised!.content, /passed 7 to 2/);
  assert.notEqual(revised!.signature!.value, original!.signature!.value);
  assert.deepEqual(await checkSignature(revised!), { status: 'signed', key: original!.signature!.key });
  assert.notEqual(corrected.files[0], first.files[0]);

  // Unchanged since: it stays at revision 2, byte for byte.
  const kept = await edition('desk', 'report.html');
  assert.match(kept.stdout, /0 added, 0 replaced \(corrected\), 1 unchanged/);
  assert.equal(kept.files[0], corrected.files[0]);

  // A byline put right is a correction too; a stale dateModified (older than the last run) does
  // not date it, the run does.
  const before = Date.now();
  await writeFile(
    join(work, 'report.html'),
    reportPage({
      head: `${PUBLISHED_2015}<meta property="article:modified_time" content="2015-03-03T00:00:00Z">`,
      body: right,
      byline: 'Olena Test and Ivan Test',
    }),
  );
  const byline = await edition('desk', 'report.html');
  assert.match(byline.stdout, /0 added, 1 replaced \(corrected\), 0 unchanged/);
  assert.equal(byline.articles[0]!.revision, 3);
  assert.equal(byline.articles[0]!.byline, 'Olena Test and Ivan Test');
  const dated = Date.parse(byline.articles[0]!.modified!);
  assert.ok(dated >= before - 1000 && dated <= Date.now(), byline.articles[0]!.modified);
});

test('a page with no date of its own has none: not the file’s time, not the run’s', async () => {
  await writeFile(join(work, 'undated.html'), reportPage());
  // A file saved in 2015 and one saved now give the same article.
  await utimes(join(work, 'undated.html'), new Date('2015-03-02T09:00:00Z'), new Date('2015-03-02T09:00:00Z'));
  const runAt = Date.now();
  const { articles, index } = await edition('undated', 'undated.html');
  assert.equal(articles[0]!.published, undefined);
  assert.equal((await checkSignature(articles[0]!)).status, 'signed');
  // The index lists it at when the edition first listed it, for readers that need a date there.
  const listed = Date.parse(index.articles[0]!.published!);
  assert.ok(listed >= runAt - 1000 && listed <= Date.now());
  const again = await edition('undated', 'undated.html');
  assert.match(again.stdout, /1 unchanged/);
  assert.equal(again.index.articles[0]!.published, index.articles[0]!.published);
});

test('a feed item corrected under the same guid gets the next revision, dated by its own date_modified; its date alone changes nothing', async () => {
  const feed = (html: string, modified: string) =>
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Feed Desk',
      items: [{ id: 'item-1', title: 'Item one', content_html: html, date_published: '2015-03-02T09:00:00Z', date_modified: modified }],
    });
  await writeFile(join(work, 'feed.json'), feed(paragraphs('the item'), '2015-03-02T09:00:00Z'));
  const first = await edition('feed-desk', 'feed.json');
  assert.equal(first.articles[0]!.revision, 1);

  // The feed says the item changed, but its words are the same: the content decides.
  await writeFile(join(work, 'feed.json'), feed(paragraphs('the item'), new Date().toISOString()));
  const touched = await edition('feed-desk', 'feed.json');
  assert.match(touched.stdout, /0 added, 0 replaced \(corrected\), 1 unchanged/);
  assert.equal(touched.files[0], first.files[0]);

  const correctedAt = new Date().toISOString();
  await writeFile(join(work, 'feed.json'), feed(paragraphs('the item, corrected'), correctedAt));
  const corrected = await edition('feed-desk', 'feed.json');
  assert.match(corrected.stdout, /0 added, 1 replaced \(corrected\), 0 unchanged/);
  assert.equal(corrected.articles[0]!.revision, 2);
  assert.equal(corrected.articles[0]!.modified, correctedAt);
  assert.equal(corrected.articles[0]!.id, first.articles[0]!.id);
});
