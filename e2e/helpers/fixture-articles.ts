import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { type Article } from '../../src/shared/article.ts';
import { encodeBundle } from '../../src/shared/bundle/encode-bundle.ts';
import type { DecodedImage } from '../../src/shared/bundle/bundle-format.ts';
import { sha256Hex } from '../../src/shared/sha256.ts';
import { ROOT } from './app-server.ts';
import { SAMPLE_FILE } from './sample.ts';

/** A right-to-left article in Arabic, written for these tests. */
export async function arabicArticle(): Promise<Article> {
  const guid = 'urn:pamphlet:test:arabic';
  return {
    id: await sha256Hex(guid),
    guid,
    revision: 1,
    title: 'اجتماع طارئ لمجلس الأمن الدولي',
    byline: 'مراسل تجريبي',
    publisher: { name: 'صحيفة الاختبار' },
    lang: 'ar',
    dir: 'rtl',
    published: '2016-09-19',
    content:
      '<p>عقد مجلس الأمن الدولي اجتماعا طارئا مساء السبت لمناقشة الوضع في سوريا.</p>' +
      '<p>وقال المندوبون إن المفاوضات ستستمر خلال الأيام المقبلة.</p>',
  };
}

/** An article with an image, the image being one of the app's own icons. */
export async function articleWithImage(): Promise<{ article: Article; image: DecodedImage }> {
  const bytes = new Uint8Array(readFileSync(`${ROOT}public/icons/icon-192.png`));
  const hash = await sha256Hex(bytes);
  const guid = 'urn:pamphlet:test:image';
  return {
    image: { hash, type: 'image/png', bytes },
    article: {
      id: await sha256Hex(guid),
      guid,
      revision: 1,
      title: 'An article with a picture',
      publisher: { name: 'Test Desk' },
      lang: 'en',
      dir: 'ltr',
      published: '2016-09-20',
      content: `<figure><img src="sha256:${hash}" alt="The Pamphlet icon" width="192" height="192"><figcaption>The icon.</figcaption></figure><p>Text after the picture.</p>`,
    },
  };
}

/**
 * Makes the app's first start find these bundles among its built-in samples, so that they enter
 * the library through the app's real import path. Only the first load (before the service worker
 * controls the page) asks for the samples, and that request is the one replaced here.
 */
export async function addToFirstStartSamples(page: Page, bundles: Record<string, string>): Promise<void> {
  await page.route('**/samples/index.json', (route) => route.fulfill({ json: [SAMPLE_FILE, ...Object.keys(bundles)] }));
  for (const [name, bundle] of Object.entries(bundles)) {
    await page.route(`**/samples/${name}`, (route) => route.fulfill({ body: bundle, contentType: 'text/html; charset=utf-8' }));
  }
}

export { encodeBundle };
