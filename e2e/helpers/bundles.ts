import type { Locator, Page } from '@playwright/test';
import type { Article } from '../../src/shared/article.ts';
import type { DecodedImage } from '../../src/shared/bundle/bundle-format.ts';
import { compactPayload, linkFor } from '../../src/shared/bundle/compact-payload.ts';
import { encodeBundle } from '../../src/shared/bundle/encode-bundle.ts';
import { generateSigningKey, signArticle, unsignedArticle, type Draft, type SigningKey } from '../../src/shared/signing.ts';

/** A publisher the app under test has never heard of. */
export async function newPublisherKey(): Promise<SigningKey> {
  return generateSigningKey();
}

export function draftArticle(overrides: Partial<Draft> = {}): Draft {
  return {
    guid: `urn:pamphlet:e2e:${Math.random().toString(36).slice(2)}`,
    revision: 1,
    title: 'Journalists detained at the border',
    byline: 'Test Reporter',
    publisher: { name: 'Independent Test News' },
    lang: 'en',
    dir: 'ltr',
    published: '2026-03-01T09:00:00Z',
    content: '<p>Two journalists were detained on Monday.</p><p>Their colleagues say the charges are invented.</p>',
    ...overrides,
  };
}

export async function signed(draft: Draft, key: SigningKey): Promise<Article> {
  return signArticle(draft, key);
}

export { unsignedArticle };

/** A bundle file, ready for a file chooser. */
export function bundleFile(name: string, articles: Article[], images: DecodedImage[] = []) {
  return { name, mimeType: 'text/html', buffer: Buffer.from(encodeBundle(articles, images)) };
}

export function htmlFile(name: string, html: string) {
  return { name, mimeType: 'text/html', buffer: Buffer.from(html) };
}

export async function linkTo(appUrl: string, articles: Article[]): Promise<string> {
  return linkFor(`${appUrl}/`, await compactPayload(articles));
}

/** Imports files through the Import button's file picker, as a person would. */
export async function importThroughPicker(page: Page, files: Array<{ name: string; mimeType: string; buffer: Buffer }>): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles(files);
}

/** The titles in the library list, top to bottom. */
export async function libraryTitles(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Library' }).getByRole('heading', { level: 2 }).allInnerTexts();
}

/** One article's entry in the library list. */
/** The library's rarer actions (the link field, Export library), shown: a phone shows the articles first. */
export async function showMoreActions(page: Page): Promise<void> {
  const more = page.getByRole('button', { name: 'More', exact: true });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}

export function libraryItem(page: Page, title: string) {
  return page.getByRole('list', { name: 'Library' }).getByRole('listitem').filter({ hasText: title });
}

/** The import report: progress and one line per article. */
export function importReport(page: Page) {
  return page.getByRole('status').getByRole('region', { name: 'Import' });
}

/** Two articles of one new publisher imported and both selected in the library. */
export async function importAndSelectTwo(page: Page, titles: [string, string]): Promise<void> {
  const key = await newPublisherKey();
  const articles = await Promise.all(titles.map((title) => signed(draftArticle({ title }), key)));
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('two.html', articles)]);
  await libraryItem(page, titles[1]).waitFor();
  for (const title of titles) await page.getByRole('checkbox', { name: `Select “${title}”` }).check();
}

/** Adds what a link or a QR code brought, which waits in the import report until the reader says so. */
export async function addToLibrary(page: Page): Promise<void> {
  await importReport(page).getByRole('button', { name: 'Add to library' }).click();
}

/** Follows the publisher offered as `name` (a source file, link, address or a bundle's details), fingerprint compared. */
export async function follow(where: Page | Locator, name: string): Promise<void> {
  const offer = where.getByRole('group', { name, exact: true });
  await offer.getByRole('checkbox', { name: /^I compared the key / }).check();
  await offer.getByRole('button', { name: `Follow ${name}` }).click();
}

/** Trusts an unknown key from the import report under `name`, fingerprint compared (the first offered, or the `nth`). */
export async function trustInReport(page: Page, name: string, nth = 0): Promise<void> {
  const form = importReport(page).getByRole('form', { name: 'Trust this publisher' }).nth(nth);
  await form.getByRole('textbox', { name: 'Your name for this publisher' }).fill(name);
  await form.getByRole('checkbox', { name: /^I compared the key / }).check();
  await form.getByRole('button', { name: 'Trust this publisher' }).click();
}
