import type { Locator } from '@playwright/test';
import { test, expect, expectNoProblems } from './helpers/fixtures.ts';
import { bundleFile, draftArticle, newPublisherKey, signed } from './helpers/bundles.ts';
import { addToFirstStartSamples } from './helpers/fixture-articles.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

/** Where a thing starts on the screen, from the left edge. */
async function left(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  expect(box, 'a box on screen').not.toBeNull();
  return box!.x;
}

test('the UI switches to Persian, mirrored, keeps it across a reload and with the server stopped, and switches back', async ({
  page,
  server,
  problems,
}) => {
  test.info().annotations.push({ type: 'offline' });
  const html = page.locator('html');
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language of Pamphlet' }).selectOption({ label: 'فارسی' });

  // At once, without a reload: words, title, language and direction.
  await expect(page.getByRole('heading', { level: 1, name: 'تنظیمات' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'fa');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page).toHaveTitle('تنظیمات · Pamphlet');
  await expect(page.getByRole('combobox', { name: 'زبان Pamphlet' })).toHaveValue('fa');
  await expect(page.getByRole('radio', { name: 'تیره' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'اندازهٔ متن' })).toHaveAttribute('aria-valuetext', '۱۰۰٪');
  await expect(page.getByRole('button', { name: 'پشتیبان‌گیری از کتابخانه' })).toBeVisible();

  // Mirrored: the navigation reads from the right, the name of the app at the far right.
  const nav = page.getByRole('navigation', { name: 'منوی اصلی' });
  const [library, sources, settings] = ['کتابخانه', 'منابع', 'تنظیمات'].map((name) => nav.getByRole('link', { name }));
  expect(await left(library!)).toBeGreaterThan(await left(sources!));
  expect(await left(sources!)).toBeGreaterThan(await left(settings!));
  expect(await left(page.getByText('Pamphlet', { exact: true }))).toBeGreaterThan(await left(library!));

  await library!.click();
  await expect(page.getByRole('heading', { level: 1, name: 'کتابخانه' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'وارد کردن', exact: true })).toBeVisible();
  await expect(page.getByText('۱ مقاله', { exact: true })).toBeVisible();
  const item = page.getByRole('list', { name: 'کتابخانه' }).getByRole('listitem').first();
  // The English article keeps its own language and direction.
  await expect(item.getByRole('link', { name: SAMPLE_TITLE })).toHaveAttribute('dir', 'ltr');
  await expect(item).toContainText('خوانده‌نشده');
  // 18 September 2016, in the Solar Hijri calendar with Persian digits.
  await expect(item.locator('time')).toHaveText('۲۸ شهریور ۱۳۹۵');
  // The entry's checkbox is at its right, its star at its left.
  expect(await left(item.getByRole('checkbox', { name: `انتخاب «${SAMPLE_TITLE}»` }))).toBeGreaterThan(
    await left(item.getByRole('button', { name: `ستاره زدن به «${SAMPLE_TITLE}»` })),
  );

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'کتابخانه' })).toBeVisible();
  await expect(html).toHaveAttribute('dir', 'rtl');

  await waitForOfflineReady(page);
  await page.unrouteAll();
  await server.stop();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'کتابخانه' })).toBeVisible();
  await expect(html).toHaveAttribute('dir', 'rtl');

  await page.getByRole('link', { name: 'تنظیمات' }).click();
  await page.getByRole('combobox', { name: 'زبان Pamphlet' }).selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(html).toHaveAttribute('dir', 'ltr');
  const mainNav = page.getByRole('navigation', { name: 'Main' });
  const [english, englishSources] = ['Library', 'Sources'].map((name) => mainNav.getByRole('link', { name }));
  expect(await left(english!)).toBeLessThan(await left(englishSources!));
  expectNoProblems(problems, { offline: true });
});

test.describe('in a browser set to Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('the UI starts in Russian with no language chosen, and counts in Russian forms', async ({ page }) => {
    const key = await newPublisherKey();
    const articles = await Promise.all(
      ['Первая', 'Вторая', 'Третья', 'Четвёртая'].map((title) => signed(draftArticle({ title: `${title} заметка`, lang: 'ru' }), key)),
    );
    await addToFirstStartSamples(page, { 'four.html': bundleFile('four.html', articles).buffer.toString() });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Библиотека' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Источники' })).toBeVisible();
    await expect(page.getByText('5 статей', { exact: true })).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Библиотека' }).getByRole('listitem').filter({ hasText: SAMPLE_TITLE }).locator('time'),
    ).toHaveText('18 сент. 2016 г.');

    for (const title of ['Первая заметка', 'Вторая заметка']) await page.getByRole('checkbox', { name: `Выбрать «${title}»` }).check();
    await expect(page.getByRole('group', { name: 'Выбранные статьи' })).toContainText('Выбрано: 2');
    await page.getByRole('button', { name: 'Удалить', exact: true }).click();
    await expect(page.getByText('Удалено: 2 статьи.')).toBeVisible();
    await expect(page.getByText('3 статьи', { exact: true })).toBeVisible();
    await page.getByRole('checkbox', { name: 'Выбрать «Третья заметка»' }).check();
    await page.getByRole('checkbox', { name: 'Выбрать «Четвёртая заметка»' }).check();
    await page.getByRole('checkbox', { name: `Выбрать «${SAMPLE_TITLE}»` }).check();
    await page.getByRole('button', { name: 'Удалить', exact: true }).click();
    await expect(page.getByText('Удалено: 3 статьи.')).toBeVisible();
    await expect(page.getByText('Ваша библиотека пуста.')).toBeVisible();
    await page.getByRole('button', { name: 'Отменить' }).click();
    await expect(page.getByText('Возвращено: 3 статьи.')).toBeVisible();
    await expect(page.getByText('3 статьи', { exact: true })).toBeVisible();
    await page.getByRole('checkbox', { name: 'Выбрать «Третья заметка»' }).check();
    await page.getByRole('button', { name: 'Удалить', exact: true }).click();
    await expect(page.getByText('Удалено: 1 статья.')).toBeVisible();

    await page.getByRole('link', { name: 'Настройки' }).click();
    await expect(page.getByRole('combobox', { name: 'Язык Pamphlet' })).toHaveValue('ru');
    await expect(page).toHaveTitle('Настройки · Pamphlet');
  });
});
