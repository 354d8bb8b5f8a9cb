import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { plainTextOf } from '../src/shared/article.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { checkSignature } from '../src/shared/signing.ts';
import { DEMO_PUBLISHER } from '../src/shared/demo-publisher.ts';

const SAMPLES = new URL('../public/samples/', import.meta.url);

test('the built-in sample is the RFE/RL report, whole, without the page around it', async () => {
  const files = JSON.parse(await readFile(new URL('index.json', SAMPLES), 'utf8')) as string[];
  assert.equal(files.length, 1);
  const { articles, images } = await decodeBundle(await readFile(new URL(files[0]!, SAMPLES), 'utf8'));
  assert.equal(articles.length, 1);
  assert.equal(images.length, 0);
  const [article] = articles;
  assert.equal(article!.title, 'Russia, U.S. Tensions Spill Over At UN Security Council Meeting');
  assert.equal(article!.publisher.name, 'RFE/RL (Radio Free Europe/Radio Liberty)');
  assert.equal(article!.published, '2016-09-18');
  assert.equal(article!.lang, 'en');
  assert.equal(article!.dir, 'ltr');

  assert.deepEqual(await checkSignature(article!), { status: 'signed', key: DEMO_PUBLISHER.key });

  const content = article!.content;
  assert.match(
    content,
    /^<figure><figcaption>U\.S\. Ambassador Samantha Power confronts Russian Ambassador Vitaly Churkin at the UN Security Council in 2014\.<\/figcaption><\/figure>/,
  );
  const paragraphs = [...content.matchAll(/<p>(.*?)<\/p>/g)].map((match) => plainTextOf(match[1]!));
  // Twenty paragraphs of report, then the credit line.
  assert.equal(paragraphs.length, 21);
  assert.match(paragraphs[0]!, /^Tensions between Russian and U\.S\. diplomats/);
  assert.match(paragraphs[19]!, /^Russia and the United States have criticized each other/);
  assert.equal(paragraphs[20], 'With reporting by Reuters, AP, AFP, dpa, TASS, and Interfax');
  const text = plainTextOf(content);
  for (const chrome of [
    'Accessibility links',
    'Breaking News',
    '16x9 Image',
    '27 languages',
    'undesirable organization',
    'To find out more',
  ]) {
    assert.ok(!text.includes(chrome), `the sample still holds “${chrome}”`);
  }
});
