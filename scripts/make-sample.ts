/**
 * Turns the RFE/RL report in ../shared/seeds/ into the app's built-in sample bundle under
 * public/samples/, signed by a demo publisher key. Run by hand
 * (`node --import tsx scripts/make-sample.ts`) when the seed or the format changes; the output is
 * committed so that the app builds from this repository alone.
 *
 * Each run makes a new demo key, signs the sample, writes the public half to
 * src/shared/demo-publisher.ts (trusted by default unless the build leaves it out) and throws the private
 * half away: nobody, the project included, can sign anything else as the demo publisher.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { directionOf, type Article } from '../src/shared/article.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { escapeText } from '../src/shared/html-escape.ts';
import { fingerprintOf, generateSigningKey, signArticle } from '../src/shared/signing.ts';

const SEED = new URL('../../shared/seeds/000_9de09152c762b0be.txt', import.meta.url);
const OUT_DIR = new URL('../public/samples/', import.meta.url);
const OUT_FILE = 'un-security-council-2016.html';
const DEMO_PUBLISHER_MODULE = new URL('../src/shared/demo-publisher.ts', import.meta.url);
export const DEMO_PUBLISHER_NAME = 'Pamphlet demo publisher';

/** Lines of the saved page that are site chrome, not the report. */
const CHROME = [/^Accessibility links$/, /^Breaking News$/, /^•?\s*16x9 Image$/];
/** The report ends with its credit line; what follows is the site's boilerplate about RFE/RL. */
const CREDIT = /^With reporting by /;

export function articleFromSeed(text: string): Omit<Article, 'id' | 'signature'> {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !CHROME.some((pattern) => pattern.test(line)));
  const [title, caption, ...rest] = lines;
  if (!title || !caption) throw new Error('The seed lacks a title or a photo caption.');
  // The page repeats the caption (once as the image's alt text, once below it).
  const body = rest[0] === caption ? rest.slice(1) : rest;
  const creditIndex = body.findIndex((line) => CREDIT.test(line));
  if (creditIndex < 0) throw new Error('The seed lacks its credit line.');
  const paragraphs = body.slice(0, creditIndex);
  const credit = body[creditIndex]!;
  const content = [
    `<figure><figcaption>${escapeText(caption)}</figcaption></figure>`,
    ...paragraphs.map((paragraph) => `<p>${escapeText(paragraph)}</p>`),
    `<p><em>${escapeText(credit)}</em></p>`,
  ].join('\n');
  return {
    guid: 'urn:pamphlet:sample:rferl:2016-09-18:un-security-council',
    revision: 1,
    title,
    publisher: { name: 'RFE/RL (Radio Free Europe/Radio Liberty)', url: 'https://www.rferl.org/' },
    lang: 'en',
    dir: directionOf('en'),
    published: '2016-09-18',
    summary: paragraphs[0],
    content,
  };
}

async function main(): Promise<void> {
  const draft = articleFromSeed(await readFile(SEED, 'utf8'));
  const key = await generateSigningKey();
  const article: Article = await signArticle(draft, key);
  await writeFile(
    DEMO_PUBLISHER_MODULE,
    `// Written by scripts/make-sample.ts. The private half of this key was discarded after signing
// the built-in sample, so nothing else can ever be signed with it.
export const DEMO_PUBLISHER = {
  name: ${JSON.stringify(DEMO_PUBLISHER_NAME)},
  key: ${JSON.stringify(key.publicKey)},
  fingerprint: ${JSON.stringify(await fingerprintOf(key.publicKey))},
} as const;
`,
  );
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(new URL(OUT_FILE, OUT_DIR), encodeBundle([article], []));
  await writeFile(new URL('index.json', OUT_DIR), `${JSON.stringify([OUT_FILE], null, 2)}\n`);
  console.log(`wrote public/samples/${OUT_FILE}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
