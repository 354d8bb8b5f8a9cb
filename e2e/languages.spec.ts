import type { Page } from '@playwright/test';
import { test, expect, expectNoProblems } from './helpers/fixtures.ts';
import { expectNoViolationsOnScreen } from './helpers/axe.ts';
import { bundleFile, draftArticle, newPublisherKey, signed } from './helpers/bundles.ts';
import { addToFirstStartSamples } from './helpers/fixture-articles.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';
import { translation, type Translation } from './helpers/translations.ts';
import { allLocales } from '../src/browser/l10n/locale-codes.ts';
import { LANGUAGE_NAMES, directionOf, type Locale } from '../src/browser/l10n/locales.ts';

/**
 * Every right-to-left language of the UI, whichever are added later, and Arabic and Ukrainian,
 * each opened as its reader would: from the browser's language, and from Settings. What the
 * screens must say is read from the language's own locales/<locale>.xlf.
 */
const CHECKED: Locale[] = [...new Set<Locale>([...allLocales.filter((locale) => directionOf(locale) === 'rtl'), 'ar', 'uk'])];

/** A number as the app writes it in `locale` (its own digits), by the browser's Intl. */
function written(page: Page, locale: string, count: number): Promise<string> {
  return page.evaluate(([tag, value]) => new Intl.NumberFormat(tag).format(value), [locale, count] as const);
}

async function withTwoMoreArticles(page: Page): Promise<string[]> {
  const key = await newPublisherKey();
  const titles = ['First test report', 'Second test report'];
  const articles = await Promise.all(titles.map((title) => signed(draftArticle({ title }), key)));
  await addToFirstStartSamples(page, { 'two.html': bundleFile('two.html', articles).buffer.toString() });
  return titles;
}

/** The library says its screen, its menu and its count in the language, and counts in its plural forms. */
async function expectLibraryIn(page: Page, locale: Locale, words: Translation, titles: string[]): Promise<void> {
  const html = page.locator('html');
  await expect(page.getByRole('heading', { level: 1, name: words.words('Library') })).toBeVisible();
  await expect(html).toHaveAttribute('lang', locale);
  await expect(html).toHaveAttribute('dir', directionOf(locale));
  await expect(
    page.getByRole('navigation', { name: words.words('Main') }).getByRole('link', { name: words.words('Sources') }),
  ).toBeVisible();
  await expect(page.getByText(words.count('articles', 3, await written(page, locale, 3)), { exact: true })).toBeVisible();
  await expectNoViolationsOnScreen(page, `the library in ${locale}`);

  for (const title of titles) await page.getByRole('checkbox', { name: words.sentence('Select “{0}”', title) }).check();
  await page.getByRole('button', { name: words.words('Delete'), exact: true }).click();
  await expect(page.getByText(words.sentence('Deleted {0}.', words.count('articles', 2, await written(page, locale, 2))))).toBeVisible();
  await expect(page.getByText(words.count('articles', 1, await written(page, locale, 1)), { exact: true })).toBeVisible();
}

async function expectArticleIn(page: Page, locale: Locale, words: Translation): Promise<void> {
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await expect(page.getByRole('button', { name: words.words('Link or QR code') })).toBeVisible();
  await expect(page.getByTitle(words.words('Article text'))).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.locator('html')).toHaveAttribute('dir', directionOf(locale));
}

for (const locale of CHECKED) {
  const words = translation(locale);

  test.describe(`in a browser set to ${LANGUAGE_NAMES[locale]} (${locale})`, () => {
    test.use({ locale });

    test(`the UI starts in ${locale} with no language chosen, the library and an article in it`, async ({ page, problems }) => {
      const titles = await withTwoMoreArticles(page);
      await page.goto('/');
      await expectLibraryIn(page, locale, words, titles);
      await expectArticleIn(page, locale, words);
      await page.getByRole('link', { name: words.words('Settings') }).click();
      await expect(page.getByRole('combobox', { name: words.words('Language of Pamphlet') })).toHaveValue(locale);
      await expect(page).toHaveTitle(`${words.words('Settings')} · Pamphlet`);
      expectNoProblems(problems);
    });
  });

  test(`Settings switches an English UI to ${locale} by its own name, ${LANGUAGE_NAMES[locale]}`, async ({ page, problems }) => {
    const titles = await withTwoMoreArticles(page);
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Language of Pamphlet' }).selectOption({ label: LANGUAGE_NAMES[locale] });
    await expect(page.getByRole('heading', { level: 1, name: words.words('Settings') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.locator('html')).toHaveAttribute('dir', directionOf(locale));
    await page
      .getByRole('navigation', { name: words.words('Main') })
      .getByRole('link', { name: words.words('Library') })
      .click();
    await expectLibraryIn(page, locale, words, titles);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: words.words('Library') })).toBeVisible();
    await expectArticleIn(page, locale, words);
    expectNoProblems(problems);
  });
}

test('Settings lists every language of the UI by its own name', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  const picker = page.getByRole('combobox', { name: 'Language of Pamphlet' });
  for (const locale of allLocales) {
    const option = picker.getByRole('option', { name: LANGUAGE_NAMES[locale], exact: true });
    await expect(option, `${locale} listed as ${LANGUAGE_NAMES[locale]}`).toHaveAttribute('value', locale);
    await expect(option).toHaveAttribute('lang', locale);
  }
  await expect(picker.getByRole('option')).toHaveCount(allLocales.length);
});
