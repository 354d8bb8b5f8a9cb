import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { Article } from '../../src/shared/article.ts';
import type { DecodedImage } from '../../src/shared/bundle/bundle-format.ts';
import { sha256Hex } from '../../src/shared/sha256.ts';
import type { SigningKey } from '../../src/shared/signing.ts';
import type { AppServer } from './app-server.ts';
import { CHROMIUM_ARGS, launchOptions } from './browser.ts';
import { draftArticle, signed } from './bundles.ts';
import { watchContext, type BrowserProblems } from './fixtures.ts';
import { storedImages, storedRecords } from './library-database.ts';

/** Camera frames a screenshot is held for: the fake camera loops the file, so a few seconds is plenty. */
const HELD_FRAMES = 20;
const FRAME = 720;

/**
 * One phone: its own Chromium, whose fake camera plays whatever `camera` holds when the camera
 * starts. Chromium reads that file when a page opens the camera, not at launch, so a test writes
 * the other phone's code there just before. Local addresses are not hidden behind mDNS names,
 * which nothing resolves on this machine (on a real Wi-Fi, mDNS resolves them).
 */
export class Phone {
  private constructor(
    readonly browser: Browser,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly camera: string,
    readonly problems: BrowserProblems,
  ) {}

  static async launch(server: AppServer, dir: string, name: string, extraArgs: string[] = []): Promise<Phone> {
    const camera = join(dir, `${name}-camera.mjpeg`);
    const browser = await chromium.launch({
      ...launchOptions(),
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${camera}`,
        '--use-fake-ui-for-media-stream',
        '--disable-features=WebRtcHideLocalIpsWithMdns',
        ...extraArgs,
      ],
    });
    const context = await browser.newContext({ baseURL: server.url, permissions: ['camera'], viewport: { width: 800, height: 900 } });
    const problems = watchContext(context, () => server.url);
    return new Phone(browser, context, await context.newPage(), camera, problems);
  }

  /** A new tab in the same browser (the same library), after the first was closed. */
  async reopen(): Promise<Page> {
    const page = await this.context.newPage();
    (this as { page: Page }).page = page;
    return page;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}

export async function cameraDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pamphlet-nearby-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Puts what one phone's screen shows (a screenshot of the element) in front of the other phone's
 * camera: the picture as JPEG frames of a camera-sized video, on white, so that it is read
 * through the app's real QR reader.
 */
export async function showToCamera(shown: Locator, camera: string): Promise<void> {
  const png = await shown.screenshot();
  const side = Math.round(FRAME * 0.85);
  const fitted = await sharp(png).resize(side, side, { fit: 'contain', background: '#ffffff' }).toBuffer();
  const offset = Math.floor((FRAME - side) / 2);
  const jpeg = await sharp(fitted)
    .extend({ top: offset, bottom: FRAME - side - offset, left: offset, right: FRAME - side - offset, background: '#ffffff' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 90 })
    .toBuffer();
  await writeFile(camera, Buffer.concat(Array.from({ length: HELD_FRAMES }, () => jpeg)));
}

/** The QR code on the Nearby screen, by its accessible name. */
export function nearbyCode(page: Page, which: 'offer' | 'answer'): Locator {
  return page.getByRole('img', { name: which === 'offer' ? 'Nearby code for the other phone' : 'Answer code for the other phone' });
}

/**
 * Connects two phones as people would: the sender shows its code, the receiver scans it and
 * shows its answer, the sender scans that. Each code goes from screen to camera as a picture.
 * The sender must be on the Nearby screen with what to send chosen; the receiver anywhere.
 */
export async function connectPhones(sender: Phone, receiver: Phone, { again = false, tellWhatIsHere = false } = {}): Promise<void> {
  await sender.page.getByRole('button', { name: 'Show the code' }).click();
  await expect(nearbyCode(sender.page, 'offer')).toBeVisible({ timeout: 15_000 });
  await showToCamera(nearbyCode(sender.page, 'offer'), receiver.camera);
  if (again) {
    await receiver.page.getByRole('button', { name: 'Connect again' }).click();
  } else {
    await receiver.page.goto('/?screen=nearby');
    if (tellWhatIsHere)
      await receiver.page
        .getByRole('checkbox', { name: /^When receiving, tell the other phone which of its articles are already here/ })
        .check();
    await receiver.page.getByRole('button', { name: 'Receive articles' }).click();
  }
  await expect(nearbyCode(receiver.page, 'answer')).toBeVisible({ timeout: 30_000 });
  await showToCamera(nearbyCode(receiver.page, 'answer'), sender.camera);
  await sender.page.getByRole('button', { name: 'Scan the answer' }).click();
}

/** Signed articles, each with a photo of its own (noise, so it does not compress): about `imageBytes` each. */
export async function articlesWithPhotos(
  key: SigningKey,
  count: number,
  imageBytes = 90_000,
): Promise<{ articles: Article[]; images: DecodedImage[] }> {
  const side = Math.round(Math.sqrt(imageBytes / 0.6));
  const articles: Article[] = [];
  const images: DecodedImage[] = [];
  for (let index = 0; index < count; index++) {
    const bytes = new Uint8Array(
      await sharp({
        create: { width: side, height: side, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
      })
        .jpeg({ quality: 80 })
        .toBuffer(),
    );
    const hash = await sha256Hex(bytes);
    images.push({ hash, type: 'image/jpeg', bytes });
    const title = `Nearby report ${String(index + 1).padStart(3, '0')}`;
    articles.push(
      await signed(
        draftArticle({
          title,
          content: `<p>Carried from phone to phone, number ${index + 1}.</p><figure><img src="sha256:${hash}" alt="Photo ${index + 1}"></figure>`,
        }),
        key,
      ),
    );
  }
  return { articles, images };
}

/** Every stored article and image, read with the raw IndexedDB API (not the app's code), comparable across two browsers. */
export async function storedLibrary(page: Page): Promise<{ articles: Record<string, string>; images: Record<string, string> }> {
  const articles = await storedRecords<{ id: string }>(page, 'articles');
  const images = await storedImages(page);
  return {
    articles: Object.fromEntries(articles.map((article) => [article.id, JSON.stringify(article)])),
    images: Object.fromEntries(images.map((image) => [image.hash, `${image.type} ${image.sha256}`])),
  };
}
