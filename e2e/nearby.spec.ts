import { test, expect, expectNoProblems } from './helpers/fixtures.ts';
import { bundleFile, importReport, importThroughPicker, libraryItem, newPublisherKey } from './helpers/bundles.ts';
import { articlesWithPhotos, cameraDir, connectPhones, Phone, storedLibrary } from './helpers/nearby.ts';

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
      await expect(receiver.page.getByRole('status').filter({ hasText: 'Done: 60 articles received and checked.' })).toBeVisible({ timeout: 120_000 });
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
});
