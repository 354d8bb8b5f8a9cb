import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { bundleFile, importThroughPicker, newPublisherKey } from '../e2e/helpers/bundles.ts';
import { articlesWithPhotos, cameraDir, connectPhones, Phone } from '../e2e/helpers/nearby.ts';
import { NEARBY_RECEIVED } from '../src/app/performance-marks.ts';
import type { ReceiveTiming } from '../src/nearby/nearby-receiver.ts';

export interface NearbyFigures {
  articles: number;
  /** Bundle bytes carried (one bundle per article, with its photo). */
  megabytes: number;
  /** What the articles themselves weigh: each one's JSON in UTF-8 plus its photo's bytes. */
  articleMegabytes: number;
  /** Article bytes delivered per second: from the first byte on the receiving phone to the last article stored there. */
  articleMegabytesPerSecond: number;
  /** Baseline: the same number of bytes through a bare data channel (two connections in one page), per second. */
  bareChannelArticleMegabytesPerSecond: number;
  /** Nearby's article rate over the bare channel's, in the same run. */
  articleRateRatio: number;
  /** From the first byte to the last on the receiving phone: the rate the reader sees. */
  transferMegabytesPerSecond: number;
  /** Bundles checked and stored per second over the whole transfer, on the receiving phone. */
  bundlesImportedPerSecond: number;
  /** The same, counting only the time the receiver spent importing (its ceiling). */
  bundlesImportedPerSecondBusy: number;
  /** Baseline: the data channel alone (same chunking and flow control, nothing stored), two connections in one page. */
  rawChannelMegabytesPerSecond: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Two Chromium browsers on this machine, connected the way people connect them (each code shown
 * on one screen and read by the other's fake camera), and `count` signed articles with a
 * 90 KB photo each sent from one library to the other over the data channel.
 */
export async function measureNearby(dist: string, count: number): Promise<NearbyFigures> {
  const server = await AppServer.start(dist);
  const { dir, remove } = await cameraDir();
  const [sender, receiver] = [await Phone.launch(server, dir, 'sender'), await Phone.launch(server, dir, 'receiver')];
  try {
    const { articles, images } = await articlesWithPhotos(await newPublisherKey(), count);
    const articleBytes =
      articles.reduce((sum, article) => sum + Buffer.byteLength(JSON.stringify(article)), 0) +
      images.reduce((sum, image) => sum + image.bytes.length, 0);
    await sender.page.goto('/');
    await importThroughPicker(sender.page, [bundleFile('bench.html', articles, images)]);
    await expect(sender.page.getByRole('status').getByRole('region', { name: 'Import' })).toContainText(`${count} added`, {
      timeout: 600_000,
    });
    await sender.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Nearby' }).click();
    await sender.page.getByRole('button', { name: 'Send articles' }).click();
    await sender.page.getByRole('radio', { name: /The whole library/ }).check();
    await connectPhones(sender, receiver);
    const timing = await receivedTiming(receiver.page);
    const transferSeconds = (timing.lastByteAt - timing.firstByteAt) / 1000;
    const deliveredSeconds = (timing.lastImportAt - timing.firstByteAt) / 1000;
    const articleMegabytes = articleBytes / 1024 / 1024;
    const bareSeconds = await bareChannelSeconds(receiver.page, articleBytes);
    const [delivered, bare] = [articleMegabytes / deliveredSeconds, articleMegabytes / bareSeconds];
    return {
      articles: timing.bundles,
      megabytes: round(timing.bytes / 1024 / 1024),
      articleMegabytes: round(articleMegabytes),
      articleMegabytesPerSecond: round(delivered),
      bareChannelArticleMegabytesPerSecond: round(bare),
      articleRateRatio: Math.round((delivered / bare) * 100) / 100,
      transferMegabytesPerSecond: round(timing.bytes / 1024 / 1024 / transferSeconds),
      bundlesImportedPerSecond: round(timing.bundles / ((timing.lastImportAt - timing.firstByteAt) / 1000)),
      bundlesImportedPerSecondBusy: round(timing.bundles / (timing.importBusyMs / 1000)),
      rawChannelMegabytesPerSecond: round(32 / (await bareChannelSeconds(receiver.page, 32 * 1024 * 1024))),
    };
  } finally {
    await Promise.all([sender.close(), receiver.close()]);
    await remove();
    await server.stop();
  }
}

async function receivedTiming(page: Page): Promise<ReceiveTiming> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, NEARBY_RECEIVED, { timeout: 600_000 });
  return page.evaluate((name) => (performance.getEntriesByName(name)[0] as PerformanceMark).detail as ReceiveTiming, NEARBY_RECEIVED);
}

/** Seconds for `total` bytes through a data channel between two connections in one page, 64 KB at a time, with the app's flow control. */
function bareChannelSeconds(page: Page, total: number): Promise<number> {
  return page.evaluate(async (total) => {
    const [a, b] = [new RTCPeerConnection({ iceServers: [] }), new RTCPeerConnection({ iceServers: [] })];
    a.addEventListener('icecandidate', (event) => event.candidate && void b.addIceCandidate(event.candidate));
    b.addEventListener('icecandidate', (event) => event.candidate && void a.addIceCandidate(event.candidate));
    const [out, into] = [a.createDataChannel('raw', { negotiated: true, id: 0 }), b.createDataChannel('raw', { negotiated: true, id: 0 })];
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription!);
    await new Promise((resolve) => out.addEventListener('open', resolve, { once: true }));
    const chunk = new Uint8Array(64 * 1024);
    out.bufferedAmountLowThreshold = 256 * 1024;
    let received = 0;
    const done = new Promise<void>((resolve) =>
      into.addEventListener('message', (event: MessageEvent<ArrayBuffer | Blob>) => {
        received += event.data instanceof ArrayBuffer ? event.data.byteLength : event.data.size;
        if (received >= total) resolve();
      }),
    );
    const started = performance.now();
    for (let sent = 0; sent < total; sent += chunk.length) {
      if (out.bufferedAmount > 1024 * 1024)
        await new Promise((resolve) => out.addEventListener('bufferedamountlow', resolve, { once: true }));
      out.send(total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent));
    }
    await done;
    const seconds = (performance.now() - started) / 1000;
    a.close();
    b.close();
    return seconds;
  }, total);
}
