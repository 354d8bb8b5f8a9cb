import type { Page } from '@playwright/test';
import { draftArticle, unsignedArticle } from './helpers/bundles.ts';
import { test, expect } from './helpers/fixtures.ts';
import { expectNoViolationsOnScreen } from './helpers/axe.ts';
import { arabicArticle } from './helpers/fixture-articles.ts';
import { articleBody, articleStyled, marked, openArticle } from './helpers/reader.ts';
import { speechLog, standInSpeech, type StandInVoice } from './helpers/speech.ts';
import type { Article } from '../src/shared/article.ts';

/**
 * Reading aloud, with a stand-in for the device's speech engine (helpers/speech.ts says why: the
 * test machine's Chromium has no voice at all). What is checked is the app's side of the Web API:
 * what it asks to be spoken, in which voice and at which speed, and what it marks on the page as
 * the voice reports its progress.
 */

const VOICES: StandInVoice[] = [
  { name: 'Network English', lang: 'en-US', localService: false },
  { name: 'Device English (US)', lang: 'en-US', localService: true },
  { name: 'Device English (UK)', lang: 'en-GB', localService: true },
  { name: 'Device French', lang: 'fr-FR', localService: true },
  { name: 'Network Arabic', lang: 'ar-SA', localService: false },
];

const PARAGRAPHS = [
  'Two journalists were detained on Monday at the northern border crossing.',
  'Their colleagues say the charges are invented. The court meets again in May.',
  'A lawyer for both men said they had not been allowed to call their families.',
];

async function englishArticle(paragraphs: string[]): Promise<Article> {
  const content = paragraphs.map((text) => `<p>${text.replace('charges', '<em>charges</em>')}</p>`).join('');
  return unsignedArticle(draftArticle({ title: 'Journalists detained at the border', content }));
}

/** Many paragraphs of two lines or more, so that most are below the fold. */
function longParagraphs(count: number): string[] {
  return Array.from(
    { length: count },
    (_, index) =>
      `Paragraph ${index + 1} tells of the border and of the people who wait there, day after day, for news of the ones taken away.`,
  );
}

/** Whether the range a highlight marks lies within the page's viewport, below its sticky header. */
async function markedInView(page: Page, name: string): Promise<boolean> {
  const frameTop = (await page.getByTitle('Article text').boundingBox())!.y;
  const box = await articleBody(page)
    .locator('body')
    .evaluate((body, name) => {
      const range = [...body.ownerDocument.defaultView!.CSS.highlights.get(name)!][0] as Range;
      const rect = range.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom };
    }, name);
  const viewport = page.viewportSize()!;
  return frameTop + box.top >= 40 && frameTop + box.bottom <= viewport.height;
}

const readAloud = (page: Page) => page.getByRole('button', { name: 'Read aloud' });
const tools = (page: Page) => page.getByRole('region', { name: 'Reading tools' });

test('reading aloud speaks the paragraphs in order, in an on-device voice of the article’s language, asking nothing of the network', async ({
  page,
}) => {
  await standInSpeech(page, VOICES);
  await openArticle(page, await englishArticle(PARAGRAPHS));
  const requests: string[] = [];
  page.on('request', (request) => {
    // The tools' own code, loaded once from the app's cache, is the only thing asked for.
    if (!/^(blob|data):/.test(request.url()) && !request.url().endsWith('.js')) requests.push(request.url());
  });
  await readAloud(page).click();
  await expect(tools(page).getByRole('button', { name: 'Pause' })).toBeVisible();
  // Only the device's own English voices are offered, the one of the article's region first.
  await expect(tools(page).getByRole('combobox', { name: 'Voice' }).getByRole('option')).toHaveText([
    'Device English (US)',
    'Device English (UK)',
  ]);
  await expect(tools(page).getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 20_000 });
  const log = await speechLog(page);
  expect(log.utterances.map((utterance) => utterance.text)).toEqual(PARAGRAPHS);
  expect(log.utterances.every((utterance) => utterance.voice === 'standin:Device English (US)' && utterance.lang === 'en-US')).toBe(true);
  expect(log.utterances.map((utterance) => utterance.outcome)).toEqual(['end', 'end', 'end']);
  expect(requests).toEqual([]);
  await expectNoViolationsOnScreen(page, 'the reader, reading aloud');
});

test('the sentence and the word being spoken are marked and kept in view, and reading starts at the first paragraph in view', async ({
  page,
}) => {
  const paragraphs = longParagraphs(30);
  await standInSpeech(page, VOICES, 8);
  await openArticle(page, await englishArticle(paragraphs));
  // Opened at the top, the voice starts at the top; stopped, and the page scrolled on, it starts
  // again from the paragraph at the top of the screen, just under the app's header.
  await readAloud(page).click();
  await expect.poll(async () => (await speechLog(page)).utterances.length).toBeGreaterThan(0);
  expect((await speechLog(page)).utterances[0]!.text).toBe(paragraphs[0]);
  await tools(page).getByRole('button', { name: 'Stop' }).click();
  const twelfth = await articleBody(page).getByText('Paragraph 12 ').boundingBox();
  await page.evaluate((top) => window.scrollBy(0, top - 60), twelfth!.y);
  const before = (await speechLog(page)).utterances.length;
  await tools(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await speechLog(page)).utterances.length).toBeGreaterThan(before);
  expect((await speechLog(page)).utterances[before]!.text).toBe(paragraphs[11]);

  // Well down the article, far below where it started, the voice is paused to look.
  // The voice slowed a little, so that the paragraphs after the 25th leave time to press Pause.
  await page.evaluate(() => (window.speechLog.wordMs = 40));
  await expect
    .poll(async () => (await speechLog(page)).utterances.some((utterance) => utterance.text === paragraphs[24]), { timeout: 30_000 })
    .toBe(true);
  await tools(page).getByRole('button', { name: 'Pause' }).click();
  const log = await speechLog(page);
  const current = log.utterances.at(-1)!.text;
  const lastWord = log.words.at(-1)!;
  expect(await marked(page, 'pamphlet-spoken-word')).toEqual([lastWord]);
  expect(await marked(page, 'pamphlet-spoken-sentence')).toEqual([current]);
  expect(await markedInView(page, 'pamphlet-spoken-word')).toBe(true);
});

test('pause holds the voice, resume goes on, stop ends it and clears the marks', async ({ page }) => {
  await standInSpeech(page, VOICES, 250);
  await openArticle(page, await englishArticle(PARAGRAPHS));
  await readAloud(page).click();
  await expect.poll(async () => (await speechLog(page)).words.length).toBeGreaterThanOrEqual(2);
  await tools(page).getByRole('button', { name: 'Pause' }).click();
  const spoken = (await speechLog(page)).words.length;
  await page.waitForTimeout(800);
  expect((await speechLog(page)).words.length).toBe(spoken);
  expect((await speechLog(page)).paused).toBe(true);
  expect(await marked(page, 'pamphlet-spoken-word')).toHaveLength(1);

  await tools(page).getByRole('button', { name: 'Resume' }).click();
  await expect.poll(async () => (await speechLog(page)).words.length).toBeGreaterThan(spoken);
  await tools(page).getByRole('button', { name: 'Stop' }).click();
  const log = await speechLog(page);
  expect(log.speaking).toBe(false);
  expect(log.utterances.at(-1)!.outcome).toBe('interrupted');
  expect(await marked(page, 'pamphlet-spoken-word')).toEqual([]);
  expect(await marked(page, 'pamphlet-spoken-sentence')).toEqual([]);
  await expect(tools(page).getByRole('button', { name: 'Play' })).toBeVisible();

  // Leaving the article silences it.
  await tools(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await speechLog(page)).speaking).toBe(true);
  await page.getByRole('link', { name: 'Library' }).click();
  await expect.poll(async () => (await speechLog(page)).speaking).toBe(false);
  expect((await speechLog(page)).utterances.at(-1)!.outcome).toBe('interrupted');
});

test('the speed applies to what is spoken at once, and is kept for the next time', async ({ page }) => {
  await standInSpeech(page, VOICES, 250);
  const article = await englishArticle(PARAGRAPHS);
  await openArticle(page, article);
  await readAloud(page).click();
  await expect.poll(async () => (await speechLog(page)).words.length).toBeGreaterThanOrEqual(1);
  await tools(page).getByRole('combobox', { name: 'Speed' }).selectOption({ label: '150%' });
  await expect.poll(async () => (await speechLog(page)).utterances.at(-1)!.rate).toBe(1.5);
  // The sentence being read is read again at the new speed.
  expect((await speechLog(page)).utterances.at(-1)!.text).toBe(PARAGRAPHS[0]);
  await tools(page).getByRole('button', { name: 'Stop' }).click();

  await page.reload();
  await articleStyled(page);
  await readAloud(page).click();
  await expect(tools(page).getByRole('combobox', { name: 'Speed' })).toHaveValue('1.5');
  await expect.poll(async () => (await speechLog(page)).utterances.length).toBeGreaterThan(0);
  expect((await speechLog(page)).utterances[0]!.rate).toBe(1.5);
});

test('with only network voices for the language, none is used, and the reader is told why', async ({ page }) => {
  await standInSpeech(page, VOICES);
  await openArticle(page, await arabicArticle());
  await readAloud(page).click();
  await expect(tools(page).getByRole('alert')).toHaveText(
    'This device’s voices for Arabic read over the network: they would send the article’s text to a speech server, so Pamphlet does not use them. Install an on-device voice for Arabic in the device’s settings.',
  );
  await expect(tools(page).getByRole('button', { name: 'Play' })).toHaveCount(0);
  expect((await speechLog(page)).utterances).toEqual([]);
});

test('with no voice for the language, the reader is told so', async ({ page }) => {
  await standInSpeech(page, VOICES);
  const article = await unsignedArticle(draftArticle({ title: 'Новости дня', lang: 'ru', content: '<p>Сегодня в городе тихо.</p>' }));
  await openArticle(page, article);
  await readAloud(page).click();
  await expect(tools(page).getByRole('alert')).toHaveText('No voice on this device for Russian.');
  expect((await speechLog(page)).utterances).toEqual([]);
  await tools(page).getByRole('button', { name: 'Close' }).click();
  await expect(tools(page)).toHaveCount(0);
  await expect(readAloud(page)).toBeFocused();
});
