import { test, expect } from './helpers/fixtures.ts';
import {
  addToLibrary,
  bundleFile,
  draftArticle,
  importReport,
  libraryItem,
  linkTo,
  newPublisherKey,
  showMoreActions,
  signed,
} from './helpers/bundles.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';
import { shareThroughSheet } from './helpers/share-sheet.ts';

test('opening a link whose fragment holds an article imports it, and the fragment leaves the address', async ({ page, server }) => {
  const article = await signed(draftArticle({ title: 'Carried in a link' }), await newPublisherKey());
  const link = await linkTo(server.url, [article]);
  expect(link).toMatch(new RegExp(`^${server.url}/#bundle=`));
  await page.goto(link);
  await addToLibrary(page);
  await expect(importReport(page)).toContainText('Unknown publisher');
  await expect(importReport(page)).toContainText('Carried in a link (added to the library)');
  await expect(libraryItem(page, 'Carried in a link')).toBeVisible();
  expect(page.url()).toBe(`${server.url}/`);
});

test('a link pasted into the link field is imported; text that is not a link says so', async ({ page, server }) => {
  const article = await signed(draftArticle({ title: 'Pasted link' }), await newPublisherKey());
  await page.goto('/');
  await showMoreActions(page);
  const field = page.getByRole('textbox', { name: 'Pamphlet link' });
  await field.fill('https://example.org/some/page');
  await page.getByRole('button', { name: 'Open link' }).click();
  await expect(page.getByRole('alert')).toContainText('That is not a Pamphlet link');
  await field.fill(await linkTo(server.url, [article]));
  await page.getByRole('button', { name: 'Open link' }).click();
  await addToLibrary(page);
  await expect(libraryItem(page, 'Pasted link')).toBeVisible();
});

test('a damaged link is refused with a reason', async ({ page, server }) => {
  const article = await signed(draftArticle({ title: 'Cut link' }), await newPublisherKey());
  const link = await linkTo(server.url, [article]);
  await page.goto('/');
  await showMoreActions(page);
  await page.getByRole('textbox', { name: 'Pamphlet link' }).fill(link.slice(0, -40));
  await page.getByRole('button', { name: 'Open link' }).click();
  await expect(importReport(page)).toContainText('Refused: This link is damaged');
  await expect(libraryItem(page, 'Cut link')).toHaveCount(0);
});

test('pasting a link or a file anywhere in the app imports it', async ({ page, server }) => {
  const key = await newPublisherKey();
  const linked = await signed(draftArticle({ title: 'From the clipboard' }), key);
  const filed = await signed(draftArticle({ title: 'A pasted file' }), key);
  const link = await linkTo(server.url, [linked]);
  const file = bundleFile('pasted.html', [filed]).buffer.toString();
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Library' })).toBeVisible();
  await page.evaluate(
    ({ link, file }) => {
      const paste = (data: DataTransfer) =>
        document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
      const text = new DataTransfer();
      text.setData('text/plain', `Read this: ${link}`);
      paste(text);
      const files = new DataTransfer();
      files.items.add(new File([file], 'pasted.html', { type: 'text/html' }));
      paste(files);
    },
    { link, file },
  );
  await addToLibrary(page);
  await expect(libraryItem(page, 'From the clipboard')).toBeVisible();
  await expect(libraryItem(page, 'A pasted file')).toBeVisible();
});

test('dropping bundle files on the window imports them', async ({ page }) => {
  const article = await signed(draftArticle({ title: 'Dropped in' }), await newPublisherKey());
  const file = bundleFile('dropped.html', [article]).buffer.toString();
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Library' })).toBeVisible();
  const dataTransfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'dropped.html', { type: 'text/html' }));
    return data;
  }, file);
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(importReport(page)).toContainText('Dropped in (added to the library)');
  await expect(libraryItem(page, 'Dropped in')).toBeVisible();
});

test('a file opened with the installed app arrives through launchQueue', async ({ page }) => {
  const article = await signed(draftArticle({ title: 'Opened with Pamphlet' }), await newPublisherKey());
  const file = bundleFile('opened.html', [article]).buffer.toString();
  // Headless Chromium has no installed app to open files with; stand in for the browser's side of
  // the File Handling API, and let the app's own consumer do the rest.
  await page.addInitScript(() => {
    const pending: Array<(params: unknown) => void> = [];
    Object.defineProperty(window, 'launchQueue', {
      configurable: true,
      value: { setConsumer: (consumer: (params: unknown) => void) => pending.push(consumer) },
    });
    (window as unknown as { launchWith: (name: string, content: string) => void }).launchWith = (name, content) =>
      pending.forEach((consumer) =>
        consumer({ files: [{ getFile: () => Promise.resolve(new File([content], name, { type: 'text/html' })) }] }),
      );
  });
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Library' })).toBeVisible();
  await page.evaluate(
    (content) => (window as unknown as { launchWith: (n: string, c: string) => void }).launchWith('opened.html', content),
    file,
  );
  await expect(libraryItem(page, 'Opened with Pamphlet')).toBeVisible();
});

test('the share sheet hands a file and a link to the service worker, which passes them to the import', async ({ page, server }) => {
  const key = await newPublisherKey();
  const shared = await signed(draftArticle({ title: 'Shared from a messenger' }), key);
  const linked = await signed(draftArticle({ title: 'Shared as a link' }), key);
  const file = bundleFile('shared.html', [shared]).buffer.toString();
  const link = await linkTo(server.url, [linked]);
  await page.goto('/');
  await waitForOfflineReady(page);
  await shareThroughSheet(page, '/share-target', { file, text: link });
  await expect(libraryItem(page, 'Shared from a messenger')).toBeVisible();
  await addToLibrary(page);
  await expect(libraryItem(page, 'Shared as a link')).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest.share_target).toMatchObject({ action: 'share-target', method: 'POST', enctype: 'multipart/form-data' });
  expect(manifest.file_handlers[0].accept['text/html']).toEqual(['.html', '.htm']);
  // Pages saved as one MHTML file (Android Chrome's "Download page") open with the app and share to it too.
  expect(manifest.file_handlers[0].accept['multipart/related']).toEqual(['.mhtml', '.mht']);
  expect(manifest.share_target.params.files[0].accept).toEqual(expect.arrayContaining(['multipart/related', '.mhtml', '.mht']));
});
