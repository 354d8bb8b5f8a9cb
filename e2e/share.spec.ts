import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { compactPayload, decodeCompactPayload, linkFor, payloadOfLink } from '../src/shared/bundle/compact-payload.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { FountainDecoder, readFrame } from '../src/shared/qr/fountain.ts';
import { qrSymbol, AnimatedCodes, SINGLE_CODE_CAPACITY } from '../src/shared/qr/qr-symbol.ts';
import { sha256Hex } from '../src/shared/sha256.ts';
import { checkSignature } from '../src/shared/signing.ts';
import { CHROMIUM_ARGS, launchOptions } from './helpers/browser.ts';
import {
  addToLibrary,
  bundleFile,
  importAndSelectTwo,
  draftArticle,
  importReport,
  importThroughPicker,
  libraryItem,
  newPublisherKey,
  signed,
} from './helpers/bundles.ts';
import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { readShownCode } from './helpers/qr-screen.ts';
import { writeQrVideo } from './helpers/qr-video.ts';
import { articleBody } from './helpers/reader.ts';
import { storedRecords } from './helpers/library-database.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

test('Share offers the file, a link and a QR code; the link opens in a fresh profile with the same article', async ({
  page,
  browser,
  server,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  // No system share sheet for files in this browser: Share opens the dialog.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Share “${SAMPLE_TITLE}”` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Share with an app…' })).toHaveCount(0);

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save file' }).click();
  expect((await downloading).suggestedFilename()).toBe('russia-u-s-tensions-spill-over-at-un-security-council-meeting.html');

  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status')).toContainText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${server.url}/#bundle=[A-Za-z0-9_-]+$`));

  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  await expect(dialog.getByRole('img', { name: `QR code for Share “${SAMPLE_TITLE}”` })).toBeVisible();
  await expect(dialog).toContainText('One code: scan it');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  const fresh = await browser.newContext({ baseURL: server.url });
  const problems = watchContext(fresh, () => server.url);
  try {
    const other = await fresh.newPage();
    // A fresh profile already has the sample; share something else through the link.
    const article = await signed(draftArticle({ title: 'Passed on by link' }), await newPublisherKey());
    await other.goto(linkFor(`${server.url}/`, await compactPayload([article])));
    await addToLibrary(other);
    await expect(libraryItem(other, 'Passed on by link')).toContainText('Unknown publisher');
    await other.goto(link);
    await addToLibrary(other);
    await expect(importReport(other)).toContainText(`${SAMPLE_TITLE} (already in the library)`);
    await expect(importReport(other)).toContainText('Verified');
    expectNoProblems(problems);
  } finally {
    await fresh.close();
  }
});

test('Share selected in the library: the dialog saves one file holding both articles, and its link carries both', async ({
  page,
}, testInfo) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await importAndSelectTwo(page, ['First to share', 'Second to share']);
  await page.getByRole('button', { name: 'Share selected (2)' }).click();
  // No system share sheet for files in this browser: Share opens the dialog.
  const dialog = page.getByRole('dialog', { name: 'Share 2 articles' });
  await expect(dialog).toBeVisible();

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save file' }).click();
  const download = await downloading;
  await expect(dialog.getByRole('status')).toHaveText(`Saved as ${download.suggestedFilename()}.`);
  const path = testInfo.outputPath('shared.html');
  await download.saveAs(path);
  const { articles } = await decodeBundle(await readFile(path, 'utf8'));
  expect(articles.map((article) => article.title).sort()).toEqual(['First to share', 'Second to share']);
  for (const article of articles) expect((await checkSignature(article)).status).toBe('signed');

  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status')).toContainText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const fromLink = await decodeCompactPayload(payloadOfLink(link)!);
  expect(fromLink.articles.map((article) => article.title).sort()).toEqual(['First to share', 'Second to share']);
});

test('a link copied from the Share dialog adds an article a fresh profile does not have, and it reads', async ({
  page,
  browser,
  server,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const article = await signed(
    draftArticle({ title: 'Handed on by link', content: '<p>Copied from one reader, opened by another.</p>' }),
    await newPublisherKey(),
  );
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('one.html', [article])]);
  await libraryItem(page, 'Handed on by link').getByRole('link').click();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share “Handed on by link”' });
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status')).toContainText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${server.url}/#bundle=[A-Za-z0-9_-]+$`));

  const fresh = await browser.newContext({ baseURL: server.url });
  const problems = watchContext(fresh, () => server.url);
  try {
    const other = await fresh.newPage();
    await other.goto('/');
    await expect(libraryItem(other, SAMPLE_TITLE)).toBeVisible();
    await expect(libraryItem(other, 'Handed on by link')).toHaveCount(0);
    await other.goto(link);
    await addToLibrary(other);
    await expect(importReport(other)).toContainText('Handed on by link (added to the library)');
    await libraryItem(other, 'Handed on by link').getByRole('link').click();
    await expect(other.getByRole('article').getByRole('heading', { level: 1 })).toHaveText('Handed on by link');
    await expect(articleBody(other).locator('body')).toContainText('Copied from one reader, opened by another.');
    expectNoProblems(problems);
  } finally {
    await fresh.close();
  }
});

test('an article too long for one code is shown as animated codes that change frame by frame, at the chosen speed and density, and rebuild the article', async ({
  page,
}) => {
  // Each frame is read off a screenshot, a few seconds a frame on a busy machine.
  test.setTimeout(120_000);
  // The page's clock is Playwright's, so frames advance only when the test moves time on.
  await page.clock.install();
  const words = randomBytes(3_000).toString('hex').match(/.{8}/g)!.join(' ');
  const article = await signed(draftArticle({ title: 'Too long for one code', content: `<p>${words}</p>` }), await newPublisherKey());
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('long.html', [article])]);
  // Shared from the library, not the reader: Playwright's clock would put its script into the
  // reader's sandboxed article frame, which Chromium refuses with a console error.
  await page.getByRole('checkbox', { name: 'Select “Too long for one code”' }).check();
  await page.getByRole('button', { name: 'Share selected (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share 1 article' });
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  const code = dialog.getByRole('img', { name: 'QR code for Share 1 article' });
  const caption = dialog.getByText(/^Animated: /);
  await expect(caption).toBeVisible();
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);

  /** The frame the code shows now, as a camera reads it off the screen. */
  const shownFrame = async () => {
    const read = await readShownCode(code);
    expect(read, 'a QR code can be read off the dialog').toBeDefined();
    const frame = readFrame(read!.bytes);
    expect(frame, 'the code holds a frame of an animated run').toBeDefined();
    return { ...frame!, bytes: read!.bytes, version: read!.version };
  };
  const framesShown = async () => Number(/frame (\d+)\./.exec((await caption.textContent()) ?? '')![1]);

  // Balanced density and 10 frames a second by default: one second shows ten new frames.
  const first = await shownFrame();
  expect(first.header.blockSize).toBe(600);
  expect(first.header.length).toBeGreaterThan(SINGLE_CODE_CAPACITY);
  const blocks = Math.ceil(first.header.length / 600);
  expect(blocks).toBeGreaterThan(1);
  await expect(caption).toContainText(`Animated: ${blocks} blocks`);
  const before = await framesShown();
  await page.clock.runFor(1_000);
  await expect(caption).toContainText(`frame ${before + 10}.`);
  const later = await shownFrame();
  expect(later.header.seed).toBe(first.header.seed + 10);
  expect(Buffer.from(later.bytes).equals(Buffer.from(first.bytes))).toBe(false);

  // Four frames a second: the same second shows four.
  await dialog.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '4 frames a second' });
  await expect(caption).toContainText(`frame ${before + 11}.`);
  await page.clock.runFor(1_000);
  await expect(caption).toContainText(`frame ${before + 15}.`);

  // Easiest to read: smaller frames, so more blocks and a smaller code, starting again at seed 0.
  await dialog.getByRole('combobox', { name: 'Density' }).selectOption({ label: 'Easiest to read' });
  const lowBlocks = Math.ceil(first.header.length / 300);
  await expect(caption).toContainText(`Animated: ${lowBlocks} blocks, frame 1.`);
  const easiest = await shownFrame();
  expect(easiest.header).toEqual({ ...first.header, blockSize: 300, seed: 0 });
  expect(easiest.version).toBeLessThan(first.version);

  // Every frame as it is shown, one a quarter second, rebuilds the payload: the shared article.
  const decoder = new FountainDecoder();
  decoder.add(easiest.bytes);
  for (let step = 1; step < lowBlocks && !decoder.payload; step++) {
    await page.clock.runFor(250);
    await expect(caption).toContainText(`frame ${step + 1}.`);
    expect(decoder.add((await shownFrame()).bytes), `frame ${step} brings a new block`).toBe(true);
  }
  expect(decoder.payload, 'the payload is rebuilt from exactly its blocks').toBeDefined();
  const { articles } = await decodeCompactPayload(decoder.payload!);
  expect(articles.map((shared) => shared.title)).toEqual(['Too long for one code']);
  expect(articles[0]!.content).toBe(article.content);
  expect((await checkSignature(articles[0]!)).status).toBe('signed');
});

test('a photo goes into the codes only when asked: text only by default, and with "Include images" at the Fastest density the run rebuilds the article with its photo', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.clock.install();
  // Noise, so that compression cannot shrink it: the photo alone is more than one code holds.
  const noise = randomBytes(48 * 48 * 3);
  const photo = new Uint8Array(
    await sharp(noise, { raw: { width: 48, height: 48, channels: 3 } })
      .png()
      .toBuffer(),
  );
  const hash = await sha256Hex(photo);
  const article = await signed(
    draftArticle({ title: 'With a photo', content: `<p>A short report.</p><img src="sha256:${hash}" alt="The photo">` }),
    await newPublisherKey(),
  );
  await page.goto('/');
  await importThroughPicker(page, [bundleFile('photo.html', [article], [{ hash, type: 'image/png', bytes: photo }])]);
  await page.getByRole('checkbox', { name: 'Select “With a photo”' }).check();
  await page.getByRole('button', { name: 'Share selected (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share 1 article' });
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  const code = dialog.getByRole('img', { name: 'QR code for Share 1 article' });

  // Text only by default: one code, which holds the article and no image.
  const withImages = dialog.getByRole('checkbox', { name: 'Include images' });
  await expect(withImages).not.toBeChecked();
  await expect(dialog.getByText('One code: scan it with Pamphlet’s Scan screen.')).toBeVisible();
  const single = await readShownCode(code);
  expect(single, 'a QR code can be read off the dialog').toBeDefined();
  const textOnly = await decodeCompactPayload(single!.bytes);
  expect(textOnly.articles.map((shared) => shared.title)).toEqual(['With a photo']);
  expect(textOnly.images).toEqual([]);

  // Asked for: too much for one code, so an animated run; Fastest packs 1,000 bytes a frame.
  await withImages.check();
  const caption = dialog.getByText(/^Animated: /);
  await expect(caption).toBeVisible();
  // From here the animation moves only when the test moves the page's clock on (at 100 ms a
  // frame, a busy machine could otherwise miss the run's first frames altogether).
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await dialog.getByRole('combobox', { name: 'Density' }).selectOption({ label: 'Fastest' });
  await expect(caption).toContainText('frame 1.');
  const firstShown = Number(/frame (\d+)\./.exec((await caption.textContent()) ?? '')![1]);
  const decoder = new FountainDecoder();
  for (let frame = firstShown; !decoder.payload && frame < firstShown + 40; frame++) {
    if (frame > firstShown) {
      await page.clock.runFor(100);
      await expect(caption).toContainText(`frame ${frame}.`);
    }
    const read = await readShownCode(code);
    expect(read, `frame ${frame} can be read off the dialog`).toBeDefined();
    expect(readFrame(read!.bytes)?.header.blockSize).toBe(1000);
    decoder.add(read!.bytes);
  }
  expect(decoder.payload, 'the run rebuilds its payload').toBeDefined();
  const shared = await decodeCompactPayload(decoder.payload!);
  expect(shared.articles[0]!.content).toBe(article.content);
  expect((await checkSignature(shared.articles[0]!)).status).toBe('signed');
  expect(shared.images.map((image) => [image.hash, image.type])).toEqual([[hash, 'image/png']]);
  expect(Buffer.from(shared.images[0]!.bytes).equals(Buffer.from(photo))).toBe(true);
});

test('a web+pamphlet: link handed over by the protocol handler is imported', async ({ page, server }) => {
  const article = await signed(draftArticle({ title: 'Opened from a web+pamphlet link' }), await newPublisherKey());
  const fragment = new URL(linkFor(`${server.url}/`, await compactPayload([article]))).hash;
  await page.goto(`/?link=${encodeURIComponent(`web+pamphlet:${fragment}`)}`);
  await addToLibrary(page);
  await expect(libraryItem(page, 'Opened from a web+pamphlet link')).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest.protocol_handlers).toEqual([{ protocol: 'web+pamphlet', url: './?link=%s' }]);
  expect(manifest.shortcuts.map((shortcut: { url: string }) => shortcut.url)).toEqual([
    './?screen=scan',
    './?screen=sources',
    './?screen=settings',
    './?screen=settings#wipe',
  ]);
});

const NO_CAMERA = 'This device has no camera Pamphlet can use. Receive the article another way.';
const CAMERA_REFUSED =
  'Camera access was refused. Allow the camera for this site in the browser’s settings, or receive the article another way.';
const OTHER_WAYS_IN = 'Other ways in: open a link someone sent you, or use Import in the library for a file.';

test('with no camera, Scan says so and points to the other ways in', async ({ page }) => {
  // The camera permission is granted, so what is missing can only be the device.
  await page.context().grantPermissions(['camera']);
  await page.goto('/?screen=scan');
  await expect(page.getByRole('heading', { name: 'Scan', level: 1 })).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert.locator('p').first()).toHaveText(NO_CAMERA);
  await expect(alert.locator('p').nth(1)).toHaveText(OTHER_WAYS_IN);
  await expect(alert.getByRole('link', { name: 'library' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scan again' })).toBeVisible();
});

test('with a camera whose permission is refused, Scan says it was refused and points to the other ways in', async ({ server }) => {
  // A fake camera is present; with no permission granted and prompts denied, getUserMedia is refused.
  const browser = await chromium.launch({
    ...launchOptions(),
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--deny-permission-prompts'],
  });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const problems = watchContext(context, () => server.url);
    const page = await context.newPage();
    await page.goto('/?screen=scan');
    expect(
      await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).some((device) => device.kind === 'videoinput')),
      'a camera is present',
    ).toBe(true);
    const alert = page.getByRole('alert');
    await expect(alert.locator('p').first()).toHaveText(CAMERA_REFUSED);
    await expect(alert.locator('p').nth(1)).toHaveText(OTHER_WAYS_IN);
    await alert.getByRole('link', { name: 'library' }).click();
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('button', { name: 'Scan again' })).toBeVisible();
    expectNoProblems(problems);
  } finally {
    await browser.close();
  }
});

test.describe('through the camera', () => {
  test.setTimeout(180_000);

  test('a 100 KB bundle is rebuilt from animated codes with a quarter of the frames lost, damaged and stray frames ignored', async ({
    server,
  }) => {
    const key = await newPublisherKey();
    const photo = await sharp({
      create: { width: 380, height: 380, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .jpeg({ quality: 85 })
      .toBuffer();
    const hash = await sha256Hex(new Uint8Array(photo));
    const article = await signed(
      draftArticle({
        title: 'Carried by the camera',
        content: `<p>Passed from phone to phone.</p><figure><img src="sha256:${hash}" alt="The photo"></figure>`,
      }),
      key,
    );
    const payload = await compactPayload([article], [{ hash, type: 'image/jpeg', bytes: new Uint8Array(photo) }]);
    expect(payload.length).toBeGreaterThan(90_000);
    expect(payload.length).toBeLessThan(130_000);

    const dir = await mkdtemp(join(tmpdir(), 'pamphlet-camera-'));
    const codes = new AnimatedCodes(payload);
    const damaged = codes.encoder.frame(2);
    damaged[40]! ^= 0xff;
    const stray = new AnimatedCodes(new Uint8Array(5_000).fill(9)).symbol(0);
    const video = join(dir, 'codes.mjpeg');
    // Another sender's code is in view first, then a damaged one; then the sender plays seeds in
    // order, and the receiver's camera misses every fourth. The run is long (as a sender's endless
    // stream of fresh seeds is), so a receiver that decodes slowly on a busy machine still meets
    // new seeds rather than waiting for the video to loop back to the few it missed.
    await writeQrVideo(video, payload, {
      frames: Math.ceil(codes.encoder.k * 4),
      keep: (seed) => seed % 4 !== 3,
      lead: [stray, qrSymbol(damaged, 'M')],
    });

    const camera = await chromium.launch({
      ...launchOptions(),
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
        '--use-fake-ui-for-media-stream',
      ],
    });
    try {
      const context = await camera.newContext({ baseURL: server.url, permissions: ['camera'] });
      const problems = watchContext(context, () => server.url);
      const page = await context.newPage();
      await page.goto('/?screen=scan');
      await expect(page.getByRole('progressbar', { name: 'Received' })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'Received everything' })).toBeVisible({ timeout: 150_000 });
      // Nothing a camera reads is stored before the reader says so.
      await expect(importReport(page)).toContainText('nothing from it is in your library yet');
      await addToLibrary(page);
      await expect(importReport(page)).toContainText('Carried by the camera (added to the library)');
      await page.getByRole('link', { name: 'Library' }).click();
      await libraryItem(page, 'Carried by the camera').getByRole('link').click();
      const body = articleBody(page);
      await expect(body.locator('body')).toContainText('Passed from phone to phone.');
      await expect(body.getByRole('img', { name: 'The photo' })).toBeVisible();
      const stored = await storedRecords<{ hash: string }>(page, 'images');
      expect(stored.map((image) => image.hash)).toContain(hash);
      expectNoProblems(problems);
    } finally {
      await camera.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
