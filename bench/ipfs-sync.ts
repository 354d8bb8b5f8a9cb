import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { launchOptions } from '../e2e/helpers/browser.ts';
import { Mirror } from '../e2e/helpers/mirror.ts';
import { TrustlessGateway } from '../e2e/helpers/trustless-gateway.ts';
import { buildEdition } from '../src/cli/edition/build-edition.ts';
import { writeEditionCar } from '../src/cli/ipfs/write-edition-car.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { generateSigningKey, signArticle, type SigningKey } from '../src/shared/signing.ts';
import { SYNC_FINISHED, SYNC_STARTED } from '../src/app/performance-marks.ts';
import type { Article } from '../src/shared/article.ts';

export interface OneWaySync {
  ms: number;
  requests: number;
  bytesTransferred: number;
}

export interface IpfsSyncFigures {
  articles: number;
  /** The edition's folder from a plain HTTP mirror on loopback. */
  httpMirror: OneWaySync;
  /** The same folder, as its CAR's blocks, from a trustless gateway on loopback, every block checked. */
  gateway: OneWaySync;
}

/** `count` articles of the sample's size, signed by a new key. */
async function benchArticles(count: number): Promise<{ articles: Article[]; key: SigningKey }> {
  const sample = (await decodeBundle(await readFile(new URL('../public/samples/un-security-council-2016.html', import.meta.url), 'utf8')))
    .articles[0]!;
  const { id: _id, signature: _signature, ...draft } = sample;
  const key = await generateSigningKey();
  const articles: Article[] = [];
  for (let index = 0; index < count; index++) {
    articles.push(
      await signArticle(
        {
          ...draft,
          guid: `urn:pamphlet:bench-ipfs:${index}`,
          title: `${draft.title} (${index + 1})`,
          published: new Date(Date.UTC(2021, 0, 1) + index * 60_000).toISOString(),
        },
        key,
      ),
    );
  }
  return { articles, key };
}

function servedBytes(folder: string, paths: readonly string[]): number {
  return paths.reduce((sum, path) => {
    try {
      return sum + statSync(join(folder, decodeURIComponent(new URL(path, 'http://mirror').pathname))).size;
    } catch {
      return sum;
    }
  }, 0);
}

/** Follows `address` in a fresh browser and times the sync the Follow button starts. */
async function syncOnce(
  server: AppServer,
  address: string,
  count: number,
  before: (page: Page) => Promise<void>,
  counted: () => OneWaySync,
) {
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/settings`);
    await before(page);
    await page.goto(`${server.url}/sources`);
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(address);
    await page.getByRole('button', { name: 'Find source' }).click();
    await page.getByRole('checkbox', { name: /^I compared the key / }).check();
    const start = counted();
    await page.getByRole('button', { name: 'Follow Bench Desk' }).click();
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, SYNC_FINISHED, { timeout: 600_000 });
    const ms = await page.evaluate(([begin, end]) => performance.measure('sync', begin, end).duration, [SYNC_STARTED, SYNC_FINISHED]);
    const status = await page.getByRole('region', { name: 'Sync' }).getByRole('status').innerText();
    if (!status.includes(`${count} new articles`)) throw new Error(`the sync through ${address} did not get every article: ${status}`);
    const end = counted();
    return { ms: Math.round(ms), requests: end.requests - start.requests, bytesTransferred: end.bytesTransferred - start.bytesTransferred };
  } finally {
    await browser.close();
  }
}

/**
 * One edition of `count` articles of the sample's size, synced by the app twice, side by side:
 * from an HTTP mirror, and through a trustless gateway from its CAR (`ipfs://<root>/`).
 */
export async function measureIpfsSync(dist: string, count: number): Promise<IpfsSyncFigures> {
  const work = await mkdtemp(join(tmpdir(), 'pamphlet-bench-ipfs-'));
  const { articles, key } = await benchArticles(count);
  const edition = (dir: string, mirrors: string[]) =>
    buildEdition(articles, [], { dir, key, name: 'Bench Desk', mirrors, newest: 20, expiresInDays: 30, warn: () => undefined });
  // The same articles twice: a folder that lists its HTTP mirror, and one for IPFS, whose
  // address the reader gives (a folder cannot list its own CID).
  const folder = join(work, 'edition');
  const mirror = await Mirror.at(folder);
  await edition(folder, [mirror.url]);
  await mirror.start();
  const ipfsFolder = join(work, 'edition-ipfs');
  await edition(ipfsFolder, []);
  const { root } = await writeEditionCar(ipfsFolder, join(work, 'edition.car'));
  const gateway = await TrustlessGateway.start('good');
  await gateway.addCar(await readFile(join(work, 'edition.car')));
  const server = await AppServer.start(dist);
  try {
    const httpMirror = await syncOnce(
      server,
      mirror.url,
      count,
      () => Promise.resolve(),
      // The mirror counts requests; the bytes are the files it was asked for, served whole.
      () => ({ ms: 0, requests: mirror.served.length, bytesTransferred: servedBytes(folder, mirror.served) }),
    );
    const gatewayWay = await syncOnce(
      server,
      `ipfs://${root.toString()}/`,
      count,
      async (page) => {
        await page.getByRole('textbox', { name: 'IPFS gateways' }).fill(gateway.url);
        await page.getByRole('button', { name: 'Save gateways' }).click();
        await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      },
      () => ({ ms: 0, requests: gateway.asked.length, bytesTransferred: gateway.bytesSent }),
    );
    return { articles: count, httpMirror, gateway: gatewayWay };
  } finally {
    await server.stop();
    await mirror.stop();
    await gateway.stop();
    await rm(work, { recursive: true, force: true });
  }
}
