import type { Page } from '@playwright/test';
import { test, expect, expectNoProblems } from './helpers/fixtures.ts';
import { bundleFile, draftArticle, importReport, importThroughPicker, libraryItem, newPublisherKey, signed } from './helpers/bundles.ts';
import { articlesWithPhotos, cameraDir, connectPhones, nearbyCode, Phone, showToCamera, storedLibrary } from './helpers/nearby.ts';
import { writeQrVideo } from './helpers/qr-video.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';
import { compactPayload } from '../src/shared/bundle/compact-payload.ts';

/**
 * Two phones, each its own Chromium, on one machine's network: the offer and the answer go
 * between them as pictures of the QR codes on screen, read by the other's (fake) camera through
 * the app's real QR reader, and a real WebRTC data channel carries the articles.
 */
test.describe('Nearby, phone to phone', () => {
  test.setTimeout(240_000);

  test('a 5 MB selection of signed articles with photos arrives whole, checked, and stored identically', async ({ server }) => {
    const { dir, remove } = await cameraDir();
    const [sender, receiver] = [await Phone.launch(server, dir, 'sender'), await Phone.launch(server, dir, 'receiver')];
    try {
      const { articles, images } = await articlesWithPhotos(await newPublisherKey(), 60);
      const totalBytes = images.reduce((sum, image) => sum + image.bytes.length, 0);
      expect(totalBytes).toBeGreaterThan(5_000_000);
      await sender.page.goto('/');
      await importThroughPicker(sender.page, [bundleFile('photos.html', articles, images)]);
      await expect(importReport(sender.page)).toContainText('60 added', { timeout: 60_000 });
      for (const article of articles) await libraryItem(sender.page, article.title).getByRole('checkbox').check();
      await sender.page.getByRole('button', { name: 'Send to a phone nearby' }).click();
      await expect(sender.page.getByRole('heading', { name: 'Nearby', level: 1 })).toBeVisible();
      await expect(sender.page.getByRole('radio', { name: 'The articles selected in the library (60 articles)' })).toBeChecked();

      await connectPhones(sender, receiver);
      await expect(receiver.page.getByRole('status').filter({ hasText: 'Done: 60 articles received and checked.' })).toBeVisible({
        timeout: 120_000,
      });
      await expect(sender.page.getByRole('status').filter({ hasText: 'Done: 60 articles sent.' })).toBeVisible({ timeout: 30_000 });
      await expect(receiver.page.getByRole('progressbar', { name: 'Received' })).toHaveAttribute('max', '60');
      await expect(sender.page.getByRole('progressbar', { name: 'Sent' })).toHaveJSProperty('value', 60);
      // The verdicts, as every import shows them: a valid signature by a publisher not trusted yet.
      await expect(importReport(receiver.page)).toContainText('Nearby report 001');
      await expect(importReport(receiver.page)).toContainText('Unknown publisher');

      const [sent, received] = [await storedLibrary(sender.page), await storedLibrary(receiver.page)];
      for (const article of articles) expect(received.articles[article.id], article.title).toBe(sent.articles[article.id]);
      for (const image of images) expect(received.images[image.hash], image.hash).toBe(sent.images[image.hash]);
      expect(Object.keys(received.images).length).toBe(60);
      expectNoProblems(sender.problems);
      expectNoProblems(receiver.problems);
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
      await remove();
    }
  });

  test('a transfer cut midway keeps the whole articles, stores nothing partial, and a new connection sends only what is missing', async ({
    server,
  }) => {
    const { dir, remove } = await cameraDir();
    const [sender, receiver] = [await Phone.launch(server, dir, 'sender'), await Phone.launch(server, dir, 'receiver')];
    try {
      const { articles, images } = await articlesWithPhotos(await newPublisherKey(), 60);
      await sender.page.goto('/');
      await importThroughPicker(sender.page, [bundleFile('photos.html', articles, images)]);
      await expect(importReport(sender.page)).toContainText('60 added', { timeout: 60_000 });
      for (const article of articles) await libraryItem(sender.page, article.title).getByRole('checkbox').check();
      await sender.page.getByRole('button', { name: 'Add to collection' }).click();
      await sender.page.getByRole('textbox', { name: 'Collection name' }).fill('For Anna');
      await sender.page.getByRole('button', { name: 'Add', exact: true }).click();
      const sent = await storedLibrary(sender.page);

      await chooseCollection(sender.page, 'For Anna');
      await connectPhones(sender, receiver);
      const received = receiver.page.getByRole('progressbar', { name: 'Received' });
      await expect
        .poll(() => received.evaluate((bar: HTMLProgressElement) => bar.value), { timeout: 60_000, intervals: [20] })
        .toBeGreaterThanOrEqual(4);
      // The sending phone's tab goes away mid-transfer.
      await sender.page.close();

      const alert = receiver.page.getByRole('alert');
      await expect(alert).toContainText('The connection to the other phone was lost.', { timeout: 30_000 });
      await expect(alert).toContainText('Nothing partial was stored. Connect again, and only the missing articles will be sent.');
      const kept = Number(/kept in the library: (\d+) articles?\./.exec(await alert.innerText())?.[1]);
      expect(kept).toBeGreaterThanOrEqual(4);
      expect(kept).toBeLessThan(60);
      const partial = await storedLibrary(receiver.page);
      expect(Object.keys(partial.articles).length).toBe(kept);
      // Each stored article is whole (as the sender has it) and so is its photo; no stray photo.
      for (const [id, stored] of Object.entries(partial.articles)) expect(stored).toBe(sent.articles[id]);
      expect(Object.keys(partial.images).length).toBe(kept);
      for (const [hash, digest] of Object.entries(partial.images)) expect(digest).toBe(sent.images[hash]);

      // A new connection from the same library sends only what is missing.
      await sender.reopen();
      await sender.page.goto('/?screen=nearby');
      await sender.page.getByRole('button', { name: 'Send articles' }).click();
      await chooseCollection(sender.page, 'For Anna', { navigate: false });
      await connectPhones(sender, receiver, { again: true });
      const missing = 60 - kept;
      await expect(
        receiver.page
          .getByRole('status')
          .filter({ hasText: `Done: ${missing} ${missing === 1 ? 'article' : 'articles'} received and checked.` }),
      ).toBeVisible({
        timeout: 120_000,
      });
      await expect(receiver.page.getByRole('status').filter({ hasText: 'Done:' })).toContainText(
        `Already here: ${kept} ${kept === 1 ? 'article' : 'articles'}.`,
      );
      await expect(received).toHaveAttribute('max', String(missing));
      await expect(sender.page.getByRole('status').filter({ hasText: `Already on the other phone: ${kept} articles.` })).toBeVisible({
        timeout: 30_000,
      });

      const whole = await storedLibrary(receiver.page);
      expect(Object.keys(whole.articles).length).toBe(60);
      for (const article of articles) expect(whole.articles[article.id], article.title).toBe(sent.articles[article.id]);
      for (const image of images) expect(whole.images[image.hash], image.hash).toBe(sent.images[image.hash]);
      expectNoProblems(receiver.problems);
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
      await remove();
    }
  });
});

test.describe('Nearby, what the other phone learns', () => {
  test.setTimeout(240_000);

  test('the receiver tells the sender nothing of its library unless the reader agrees', async ({ server }) => {
    const { dir, remove } = await cameraDir();
    const [sender, receiver] = [await Phone.launch(server, dir, 'sender'), await Phone.launch(server, dir, 'receiver')];
    try {
      const { articles, images } = await articlesWithPhotos(await newPublisherKey(), 3, 5_000);
      await sender.page.goto('/');
      await importThroughPicker(sender.page, [bundleFile('three.html', articles, images)]);
      await expect(importReport(sender.page)).toContainText('Nearby report 003');
      // The receiving phone already holds two of them, from elsewhere.
      await receiver.page.goto('/');
      await importThroughPicker(receiver.page, [bundleFile('two.html', articles.slice(0, 2), images.slice(0, 2))]);
      await expect(importReport(receiver.page)).toContainText('Nearby report 002');

      const send = async () => {
        await sender.page.goto('/');
        for (const article of articles) await libraryItem(sender.page, article.title).getByRole('checkbox').check();
        await sender.page.getByRole('button', { name: 'Send to a phone nearby' }).click();
      };
      await send();
      await connectPhones(sender, receiver);
      await expect(receiver.page.getByRole('status').filter({ hasText: 'Done: 3 articles received and checked.' })).toBeVisible({
        timeout: 60_000,
      });
      // This phone says what it holds, to its own reader; the sender was told nothing, and sent all three.
      await expect(receiver.page.getByRole('status').filter({ hasText: 'Done:' })).toContainText('Already here: 2 articles.');
      const sent = sender.page.getByRole('status').filter({ hasText: 'Done: 3 articles sent.' });
      await expect(sent).toBeVisible({ timeout: 30_000 });
      await expect(sent).not.toContainText('Already on the other phone');

      // With the reader's consent (and in a new visit, which remembers nothing it received), it does.
      await receiver.page.close();
      await receiver.reopen();
      await send();
      await connectPhones(sender, receiver, { tellWhatIsHere: true });
      await expect(sender.page.getByRole('status').filter({ hasText: 'Already on the other phone: 3 articles.' })).toBeVisible({
        timeout: 60_000,
      });
      expectNoProblems(sender.problems);
      expectNoProblems(receiver.problems);
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
      await remove();
    }
  });
});

test.describe('Nearby, cancelled', () => {
  test.setTimeout(180_000);

  test('the receiver cancels midway: both phones say so, and what arrived whole is kept', async ({ server }) => {
    const { dir, remove } = await cameraDir();
    const [sender, receiver] = [await Phone.launch(server, dir, 'sender'), await Phone.launch(server, dir, 'receiver')];
    try {
      const { articles, images } = await articlesWithPhotos(await newPublisherKey(), 40);
      await sender.page.goto('/');
      await importThroughPicker(sender.page, [bundleFile('photos.html', articles, images)]);
      await expect(importReport(sender.page)).toContainText('40 added', { timeout: 60_000 });
      await sender.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Nearby' }).click();
      await sender.page.getByRole('button', { name: 'Send articles' }).click();
      await connectPhones(sender, receiver);
      const received = receiver.page.getByRole('progressbar', { name: 'Received' });
      await expect
        .poll(() => received.evaluate((bar: HTMLProgressElement) => bar.value), { timeout: 60_000, intervals: [20] })
        .toBeGreaterThanOrEqual(2);
      await receiver.page.getByRole('button', { name: 'Cancel' }).click();

      const here = receiver.page.getByRole('alert');
      await expect(here).toContainText('Transfer cancelled. Arrived whole and kept:');
      const kept = Number(/kept: (\d+) articles?\./.exec(await here.innerText())?.[1]);
      expect(kept).toBeGreaterThanOrEqual(2);
      expect(kept).toBeLessThan(41);
      await expect(sender.page.getByRole('alert')).toContainText('The other phone cancelled the transfer.', { timeout: 20_000 });
      expect(Object.keys((await storedLibrary(receiver.page)).articles).length).toBe(kept);
      expectNoProblems(sender.problems);
      expectNoProblems(receiver.problems);
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
      await remove();
    }
  });
});

test.describe('Nearby, when it cannot connect', () => {
  test.setTimeout(120_000);

  test('an answer from a phone that is no longer there: ICE fails, and the sender hears that the phones must share a network', async ({
    server,
  }) => {
    const { dir, remove } = await cameraDir();
    const [sender, receiver] = [await Phone.launch(server, dir, 'sender'), await Phone.launch(server, dir, 'receiver')];
    try {
      await openNearbyWithSample(sender.page);
      await sender.page.getByRole('button', { name: 'Send articles' }).click();
      await sender.page.getByRole('radio', { name: /The whole library/ }).check();
      await sender.page.getByRole('button', { name: 'Show the code' }).click();
      await showToCamera(nearbyCode(sender.page, 'offer'), receiver.camera);
      await receiver.page.goto('/?screen=nearby');
      await receiver.page.getByRole('button', { name: 'Receive articles' }).click();
      await expect(nearbyCode(receiver.page, 'answer')).toBeVisible({ timeout: 30_000 });
      await showToCamera(nearbyCode(receiver.page, 'answer'), sender.camera);
      // The receiving phone leaves (or was never on this network): its answer leads nowhere.
      await receiver.close();
      await sender.page.getByRole('button', { name: 'Scan the answer' }).click();
      await expect(sender.page.getByRole('status').filter({ hasText: 'Connecting to the other phone…' })).toBeVisible({ timeout: 30_000 });
      const alert = sender.page.getByRole('alert');
      await expect(alert).toContainText('The phones could not reach each other. They must be on the same Wi-Fi or hotspot', {
        timeout: 40_000,
      });
      await expect(sender.page.getByRole('button', { name: 'Connect again' })).toBeVisible();
      expectNoProblems(sender.problems);
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
      await remove();
    }
  });

  test('a code that is not a Nearby offer is named as such, and an offer is not taken for an answer', async ({ server }) => {
    const { dir, remove } = await cameraDir();
    const [sender, receiver] = [await Phone.launch(server, dir, 'sender'), await Phone.launch(server, dir, 'receiver')];
    try {
      const article = await signed(draftArticle({ title: 'An article, not a Nearby code' }), await newPublisherKey());
      await writeQrVideo(receiver.camera, await compactPayload([article]));
      await receiver.page.goto('/?screen=nearby');
      await receiver.page.getByRole('button', { name: 'Receive articles' }).click();
      await expect(receiver.page.getByRole('status').filter({ hasText: 'That is not a Nearby code.' })).toBeVisible({ timeout: 30_000 });

      await openNearbyWithSample(sender.page);
      await sender.page.getByRole('button', { name: 'Send articles' }).click();
      await sender.page.getByRole('button', { name: 'Show the code' }).click();
      // The sender's camera sees its own kind of code (another sender's offer) instead of an answer.
      await showToCamera(nearbyCode(sender.page, 'offer'), sender.camera);
      await sender.page.getByRole('button', { name: 'Scan the answer' }).click();
      await expect(sender.page.getByRole('status').filter({ hasText: 'That is a Nearby code to send, not an answer.' })).toBeVisible({
        timeout: 30_000,
      });
      expectNoProblems(sender.problems);
      expectNoProblems(receiver.problems);
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
      await remove();
    }
  });

  test('with no camera, Receive says so in the words the Scan screen uses', async ({ page }) => {
    await page.goto('/?screen=nearby');
    await page.getByRole('button', { name: 'Receive articles' }).click();
    await expect(page.getByRole('alert')).toContainText(/no camera Pamphlet can use|Camera access was refused/);
  });
});

/** A first start (the built-in sample comes in), then the Nearby screen from the navigation. */
async function openNearbyWithSample(page: Page): Promise<void> {
  await page.goto('/');
  await expect(libraryItem(page, SAMPLE_TITLE)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Nearby' }).click();
}

/** On the Nearby screen, the sender picks a collection to send. */
async function chooseCollection(page: Page, name: string, { navigate = true } = {}): Promise<void> {
  if (navigate) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Nearby' }).click();
    await page.getByRole('button', { name: 'Send articles' }).click();
  }
  await page.getByRole('radio', { name: 'A collection' }).check();
  await page.getByRole('combobox', { name: 'Collection' }).selectOption({ label: `${name} (60 articles)` });
}
