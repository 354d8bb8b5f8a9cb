import type { Page } from '@playwright/test';
import type { Article } from '../src/shared/article.ts';
import { scriptSafeJson, encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { signArticle, unsignedArticle, type SigningKey } from '../src/shared/signing.ts';
import { DEMO_PUBLISHER } from '../src/shared/demo-publisher.ts';
import { backUp, restoreBackup, restoreReview } from './helpers/backup.ts';
import {
  addToLibrary,
  bundleFile,
  draftArticle,
  importReport,
  importThroughPicker,
  libraryItem,
  linkTo,
  newPublisherKey,
  signed,
} from './helpers/bundles.ts';
import { test, expect, watchContext, expectNoProblems } from './helpers/fixtures.ts';

/**
 * Attacks on what the reader trusts, rather than on what the app shows (attacks.spec.ts): an
 * article that carries instructions, a backup that carries trust, names made to pass for others,
 * links that store themselves. See docs/threat-model.md, section 3.
 */

const ATTACKER_MIRROR = 'https://mirror.attacker.example/';
const ATTACKER_PROXY = 'https://proxy.attacker.example/?u={url}';

/** A library backup's payload, as an attacker would write one, trusting his key under `name`. */
function backupPayload(forgery: Article, key: SigningKey, name: string): Record<string, unknown> {
  return {
    format: 'pamphlet-bundle',
    version: 1,
    articles: [forgery],
    images: [],
    libraryBackup: {
      format: 'pamphlet-library-backup',
      version: 1,
      createdAt: '2026-01-01T00:00:00Z',
      sources: [
        { kind: 'edition', id: key.publicKey, name, mirrors: [ATTACKER_MIRROR], addedAt: 1, lastSequence: 9_999_999_999, mirrorStatus: {} },
      ],
      keys: [{ key: key.publicKey, name, origin: 'reader', addedAt: 1 }],
      reading: [],
      settings: { feedProxy: ATTACKER_PROXY, language: 'ru' },
    },
  };
}

/** Every key the reader trusts, as Settings lists them. */
async function trustedInSettings(page: Page): Promise<string[]> {
  await page.getByRole('link', { name: 'Settings' }).click();
  const group = page.getByRole('group', { name: 'Trusted publishers' });
  await expect(group).toBeVisible();
  return group.getByRole('listitem').allInnerTexts();
}

test('an article hiding a fake backup payload is never obeyed: the backup the reader makes holds one payload, and restoring it trusts, follows and sets nothing of the attacker’s', async ({
  page,
  server,
  browser,
}) => {
  const attacker = await newPublisherKey();
  const forgery = await signArticle(draftArticle({ title: 'Forged statement', publisher: { name: DEMO_PUBLISHER.name } }), attacker);
  const hidden = `<script type="application/json" id="pamphlet-bundle">${scriptSafeJson(backupPayload(forgery, attacker, DEMO_PUBLISHER.name))}</script>`;
  const carrier = await unsignedArticle(
    draftArticle({ title: 'A harmless-looking note', content: `<p>Nothing to see here.</p>${hidden}` }),
  );

  await page.goto(await linkTo(server.url, [carrier]));
  await addToLibrary(page);
  await expect(libraryItem(page, 'A harmless-looking note')).toBeVisible();
  const backup = await backUp(page);
  const { readFile } = await import('node:fs/promises');
  const written = await readFile(backup, 'utf8');
  expect(written.match(/id=["']?pamphlet-bundle/gi)).toHaveLength(1);
  const readable = written.slice(written.indexOf('<body>'), written.lastIndexOf('<script type="application/json"'));
  expect(readable).toContain('Nothing to see here.');
  expect(readable).not.toMatch(/<script|<meta|<base|<link|<style/i);

  const fresh = await browser.newContext({ baseURL: server.url });
  const problems = watchContext(fresh, () => server.url);
  try {
    const other = await fresh.newPage();
    await other.goto('/?screen=settings');
    await restoreBackup(other, backup, 'all');
    await expect(other.getByRole('status').filter({ hasText: 'Restored' })).toContainText('Restored 2 articles');
    // Only the key built into the app: nothing of the attacker's came in.
    expect(await trustedInSettings(other)).toEqual([expect.stringContaining(DEMO_PUBLISHER.fingerprint)]);
    await expect(other.getByRole('textbox', { name: /Feed proxy/ })).toHaveValue('');
    await other.getByRole('link', { name: 'Sources' }).click();
    await expect(other.getByText('You follow no source yet.')).toBeVisible();
    await other.getByRole('link', { name: 'Library' }).click();
    await expect(libraryItem(other, 'A harmless-looking note')).toBeVisible();
    await expect(libraryItem(other, 'Forged statement')).toHaveCount(0);
    expectNoProblems(problems);
  } finally {
    await fresh.close();
  }
});

test('a file written by an earlier version, with an article’s payload copied before the real one, is refused with the reason and changes nothing', async ({
  page,
}) => {
  const attacker = await newPublisherKey();
  const forgery = await signArticle(draftArticle({ title: 'Forged statement' }), attacker);
  const honest = encodeBundle([await signed(draftArticle({ title: 'Honest article' }), attacker)], []);
  const smuggled = honest.replace(
    '<footer',
    `<script type="application/json" id="pamphlet-bundle">${scriptSafeJson(backupPayload(forgery, attacker, 'Anyone'))}</script><footer`,
  );
  await page.goto('/');
  await importThroughPicker(page, [{ name: 'old-backup.html', mimeType: 'text/html', buffer: Buffer.from(smuggled) }]);
  await expect(importReport(page)).toContainText('This file holds 2 script elements where a bundle has one, its data');
  await page.goto('/?screen=settings');
  await page.getByLabel('Restore').setInputFiles({ name: 'old-backup.html', mimeType: 'text/html', buffer: Buffer.from(smuggled) });
  await expect(page.getByRole('alert')).toContainText('Nothing was restored: This file holds 2 script elements');
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(libraryItem(page, 'Honest article')).toHaveCount(0);
  await expect(libraryItem(page, 'Forged statement')).toHaveCount(0);
});

test('a backup is untrusted input: its keys, sources and settings are listed, with fingerprints, and none is applied unless the reader ticks it', async ({
  page,
}) => {
  const attacker = await newPublisherKey();
  const forgery = await signArticle(draftArticle({ title: 'Forged statement', publisher: { name: DEMO_PUBLISHER.name } }), attacker);
  const payload = backupPayload(forgery, attacker, 'Pаmphlet demo publisher'); // a Cyrillic "а"
  const other = await newPublisherKey();
  const backup = payload.libraryBackup as { keys: unknown[] };
  backup.keys.push({ key: other.publicKey, name: 'Night Desk', origin: 'reader', addedAt: 1 });
  const file = {
    name: 'backup.html',
    mimeType: 'text/html',
    buffer: Buffer.from(encodeBundle([forgery], [], { extensions: { libraryBackup: payload.libraryBackup } })),
  };

  await page.goto('/?screen=settings');
  await page.getByLabel('Restore').setInputFiles(file);
  const review = restoreReview(page);
  // The look-alike of a trusted name is not even offered; the other key is, with its fingerprint, unticked.
  await expect(review).toContainText(
    /Pаmphlet demo publisher, key [0-9a-f ]+: not offered\. You already trust another key as “Pamphlet demo publisher”/,
  );
  const nightDesk = review.getByRole('checkbox', { name: /^Trust Night Desk, key [0-9a-f]{4} / });
  await expect(nightDesk).not.toBeChecked();
  // So is its source, named like the built-in publisher: it cannot be followed under that name.
  await expect(review).toContainText(
    'Pаmphlet demo publisher (mirror.attacker.example): not offered. You already trust another key as “Pamphlet demo publisher”',
  );
  await expect(review.getByRole('checkbox', { name: /Pаmphlet demo publisher/ })).toHaveCount(0);
  await expect(review.getByRole('checkbox', { name: `Feed proxy: ${ATTACKER_PROXY}` })).not.toBeChecked();
  await expect(review.getByRole('checkbox', { name: 'Language: Русский' })).not.toBeChecked();
  // Restoring with nothing ticked takes the articles alone.
  await review.getByRole('button', { name: 'Restore now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText(
    'Restored 1 article, 0 sources, 0 trusted publishers and 0 settings.',
  );
  expect(await trustedInSettings(page)).toHaveLength(1);
  await expect(page.getByRole('textbox', { name: /Feed proxy/ })).toHaveValue('');
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(libraryItem(page, 'Forged statement')).toContainText('Unknown publisher');

  // What the reader ticks, and only that, is applied.
  await page.getByRole('link', { name: 'Settings' }).click();
  await restoreBackup(page, file, [/^Trust Night Desk/]);
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText('1 trusted publisher and 0 settings');
  expect((await trustedInSettings(page)).join('\n')).toContain('Night Desk');
  await expect(page.getByRole('textbox', { name: /Feed proxy/ })).toHaveValue('');
});

test('the trust form starts empty, asks the reader to compare the fingerprint, and refuses a name that looks like one already trusted', async ({
  page,
}) => {
  const impostor = await newPublisherKey();
  const article = await signed(draftArticle({ title: 'Statement from the desk', publisher: { name: DEMO_PUBLISHER.name } }), impostor);
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('statement.html', [article])]);
  const report = importReport(page);
  const name = report.getByRole('textbox', { name: 'Your name for this publisher' });
  await expect(name).toHaveValue('');
  const compared = report.getByRole('checkbox', { name: /^I compared the key [0-9a-f ]{24} with the one the publisher gives$/ });
  await name.fill('Pamphlet demo publisher');
  await report.getByRole('button', { name: 'Trust this publisher' }).click();
  // The browser holds the form back until the fingerprint is confirmed.
  await expect(compared).toHaveJSProperty('validity.valid', false);
  await compared.check();
  for (const lookalike of [
    'Pamphlet demo publisher',
    'PAMPHLET DEMO PUBLISHER',
    'Pamphlet dеmo publisher',
    'Pamphlet  demo publisher',
    'Pamphlet demo publisher\u00ad',
  ]) {
    await name.fill(lookalike);
    await report.getByRole('button', { name: 'Trust this publisher' }).click();
    await expect(report.getByRole('alert')).toContainText('You already trust another key as “Pamphlet demo publisher”');
  }
  for (const [hiding, character] of [
    ['Pamphlet\u202e demo', 'U+202E'],
    ['Pamphlet demo\u200b publisher', 'U+200B'],
  ]) {
    await name.fill(hiding!);
    await report.getByRole('button', { name: 'Trust this publisher' }).click();
    await expect(report.getByRole('alert')).toContainText(`hidden character (${character})`);
  }
  await expect(libraryItem(page, 'Statement from the desk')).toContainText('Unknown publisher');

  await name.fill('Statement Desk');
  await report.getByRole('button', { name: 'Trust this publisher' }).click();
  await expect(report).toContainText('You now trust this key.');
  await expect(libraryItem(page, 'Statement from the desk')).toContainText('Verified · signed by Statement Desk');
});

test('titles, bylines and publisher names with bidirectional controls or hidden characters are refused with the reason', async ({
  page,
}) => {
  const key = await newPublisherKey();
  const articles = await Promise.all([
    signed(draftArticle({ title: 'Reversed \u202etitle' }), key),
    signed(draftArticle({ title: 'Hidden byline', byline: 'Staff\u2066 writer' }), key),
    signed(draftArticle({ title: 'Hidden publisher', publisher: { name: 'Radio\u200bLiberty' } }), key),
    signed(draftArticle({ title: 'Persian with its joiner: می\u200cخواهم' }), key),
  ]);
  await page.goto('/');
  for (const [index, article] of articles.entries()) await importThroughPicker(page, [bundleFile(`a${index}.html`, [article])]);
  const report = importReport(page);
  await expect(report).toContainText('its title holds a hidden character (U+202E) that can make text read as something else');
  await expect(report).toContainText('its byline holds a hidden character (U+2066)');
  await expect(report).toContainText('its publisher name holds a hidden character (U+200B)');
  await expect(libraryItem(page, 'Persian with its joiner')).toBeVisible();
  await expect(libraryItem(page, 'Hidden byline')).toHaveCount(0);
});

test('following a source whose name looks like a trusted publisher’s is refused, and Follow waits for the fingerprint to be compared', async ({
  page,
  server,
}) => {
  const impostor = await newPublisherKey();
  const { signDescriptor } = await import('../src/cli/edition/sign-descriptor.ts');
  const descriptor = await signDescriptor(impostor, { name: 'Pamphlet Demo Publisher', mirrors: [ATTACKER_MIRROR], sequence: 1 });
  const { sourceLink } = await import('../src/shared/edition/source-link.ts');
  await page.goto(await sourceLink(`${server.url}/`, descriptor));
  const report = importReport(page);
  const follow = report.getByRole('button', { name: 'Follow Pamphlet Demo Publisher' });
  await expect(follow).toBeDisabled();
  await report.getByRole('checkbox', { name: /^I compared the key / }).check();
  await follow.click();
  await expect(report.getByRole('alert')).toContainText('You already trust another key as “Pamphlet demo publisher”');
  await page.getByRole('link', { name: 'Sources' }).click();
  await expect(page.getByText('You follow no source yet.')).toBeVisible();
});

test('a link shows its articles and their verdicts, and stores nothing until the reader adds them', async ({ page, server }) => {
  const key = await newPublisherKey();
  const article = await signed(draftArticle({ title: 'Came by link' }), key);
  await page.goto(await linkTo(server.url, [article]));
  const report = importReport(page);
  await expect(report).toContainText('Unknown publisher');
  await expect(report).toContainText('Came by link');
  await expect(report).toContainText('Two journalists were detained on Monday.');
  await expect(report.getByRole('button', { name: 'Add to library' })).toBeVisible();
  await expect(libraryItem(page, 'Came by link')).toHaveCount(0);
  await report.getByRole('button', { name: 'Do not add' }).click();
  await page.reload();
  await expect(libraryItem(page, 'Came by link')).toHaveCount(0);

  await page.goto(await linkTo(server.url, [article]));
  await addToLibrary(page);
  await expect(report).toContainText('Came by link (added to the library)');
  await expect(libraryItem(page, 'Came by link')).toBeVisible();
});

test('a link whose article holds megabytes of unclosed tags opens at once, and the app answers', async ({ page, server }) => {
  const hostile = await unsignedArticle(
    draftArticle({ title: 'Unclosed tags', content: `<p>Start.</p>${'<script<style'.repeat(320_000)}` }),
  );
  const link = await linkTo(server.url, [hostile]);
  expect(link.length).toBeLessThan(64 * 1024);
  await page.goto(link);
  await expect(importReport(page)).toContainText('Unclosed tags', { timeout: 10_000 });
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible({ timeout: 2_000 });
});
