import type { Page } from '@playwright/test';
import { draftArticle, unsignedArticle } from './helpers/bundles.ts';
import { test, expect } from './helpers/fixtures.ts';
import { expectNoViolationsOnScreen } from './helpers/axe.ts';
import { arabicArticle } from './helpers/fixture-articles.ts';
import { articleBody, marked, openArticle } from './helpers/reader.ts';

const field = (page: Page) => page.getByRole('searchbox', { name: 'Find in article' });
const status = (page: Page) => page.getByRole('region', { name: 'Reading tools' }).getByRole('status');

test('find in the article counts every match whatever its case and accents, across elements, and goes round the end both ways', async ({
  page,
}) => {
  const article = await unsignedArticle(
    draftArticle({
      title: 'Closed crossings',
      content:
        '<p>The border guards stopped us at the <em>bor</em>der of the town.</p>' +
        '<p>BORDER crossings are closed; the Bórder Café is quiet.</p>' +
        '<ul><li>Not a match: boarder, bordello.</li></ul>',
    }),
  );
  await openArticle(page, article);
  await page.getByRole('button', { name: 'Find in article' }).click();
  await expect(field(page)).toBeFocused();
  await field(page).fill('border');
  await expect(status(page)).toHaveText('1 of 4');
  expect(await marked(page, 'pamphlet-find-match')).toEqual(['border', 'border', 'BORDER', 'Bórder']);
  expect(await marked(page, 'pamphlet-find-current')).toEqual(['border']);

  await field(page).press('Enter');
  await expect(status(page)).toHaveText('2 of 4');
  // The match that runs across the emphasis.
  const second = await articleBody(page)
    .locator('body')
    .evaluate((body) => {
      const range = [...body.ownerDocument.defaultView!.CSS.highlights.get('pamphlet-find-current')!][0] as Range;
      return { text: range.toString(), from: range.startContainer.parentElement!.tagName, to: range.endContainer.parentElement!.tagName };
    });
  expect(second).toEqual({ text: 'border', from: 'EM', to: 'P' });

  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(status(page)).toHaveText('1 of 4');
  await field(page).press('Shift+Enter');
  await expect(status(page)).toHaveText('4 of 4');
  expect(await marked(page, 'pamphlet-find-current')).toEqual(['Bórder']);
  await field(page).press('Enter');
  await expect(status(page)).toHaveText('1 of 4');

  await field(page).fill('cafe');
  await expect(status(page)).toHaveText('1 of 1');
  await field(page).fill('nowhere');
  await expect(status(page)).toHaveText('No matches');
  expect(await marked(page, 'pamphlet-find-match')).toEqual([]);

  await field(page).press('Escape');
  await expect(field(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Find in article' })).toBeFocused();
});

test('the current match is scrolled into view, and / opens the search', async ({ page }) => {
  const paragraphs = Array.from({ length: 40 }, (_, index) => `<p>Paragraph ${index + 1} of a long report from the border.</p>`);
  paragraphs.push('<p>The last word is Zanzibar.</p>');
  await openArticle(page, await unsignedArticle(draftArticle({ title: 'A long report', content: paragraphs.join('') })));
  await page.keyboard.press('/');
  await expect(field(page)).toBeFocused();
  await field(page).fill('zanzibar');
  await expect(status(page)).toHaveText('1 of 1');
  const match = articleBody(page).getByText('The last word is Zanzibar.');
  await expect(match).toBeInViewport();
});

test('an Arabic article is searched right to left, its vowel marks ignored, and the tools pass axe', async ({ page }) => {
  const article = await arabicArticle();
  await openArticle(page, article);
  await page.getByRole('button', { name: 'Find in article' }).click();
  // With its vowel marks, as a reader might type it from a vowelled text.
  await field(page).fill('مَجْلِس');
  await expect(status(page)).toHaveText('1 of 1');
  expect(await marked(page, 'pamphlet-find-current')).toEqual(['مجلس']);
  await field(page).fill('الأيام');
  await expect(status(page)).toHaveText('1 of 1');
  await expectNoViolationsOnScreen(page, 'the reader, finding in an Arabic article');
});
