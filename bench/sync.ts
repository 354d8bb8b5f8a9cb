import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import sirv from 'sirv';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { launchOptions } from '../e2e/helpers/browser.ts';
import { buildEdition } from '../src/cli/edition/build-edition.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { generateSigningKey, signArticle } from '../src/shared/signing.ts';
import { SYNC_FINISHED, SYNC_STARTED } from '../src/app/performance-marks.ts';
import type { Article } from '../src/shared/article.ts';

export interface SyncFigures {
  articles: number;
  ms: number;
  requests: number;
  bytesTransferred: number;
  /** The articles themselves, as JSON: what the reader gets. */
  articleBytes: number;
  overheadPercent: number;
}

/** A publisher's edition of `count` articles of the sample's size, served by one mirror on loopback, synced by the app. */
export async function measureSync(dist: string, count: number): Promise<SyncFigures> {
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
          guid: `urn:pamphlet:bench-sync:${index}`,
          title: `${draft.title} (${index + 1})`,
          published: new Date(Date.UTC(2021, 0, 1) + index * 60_000).toISOString(),
        },
        key,
      ),
    );
  }
  const folder = await mkdtemp(join(tmpdir(), 'pamphlet-bench-edition-'));
  let requests = 0;
  let bytesTransferred = 0;
  const files = sirv(folder, { dev: true, setHeaders: (res) => res.setHeader('Access-Control-Allow-Origin', '*') });
  const mirror = createServer((req, res) => {
    requests++;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: Buffer, ...rest: unknown[]) => (
      (bytesTransferred += chunk?.length ?? 0),
      write(chunk, ...(rest as []))
    )) as typeof res.write;
    res.end = ((chunk?: Buffer, ...rest: unknown[]) => (
      (bytesTransferred += chunk?.length ?? 0),
      end(chunk, ...(rest as []))
    )) as typeof res.end;
    files(req, res, () => {
      res.statusCode = 404;
      res.end();
    });
  }).listen(0, '127.0.0.1');
  await once(mirror, 'listening');
  const mirrorUrl = `http://127.0.0.1:${(mirror.address() as { port: number }).port}/`;
  await buildEdition(articles, [], {
    dir: folder,
    key,
    name: 'Bench Desk',
    mirrors: [mirrorUrl],
    newest: 20,
    expiresInDays: 30,
    warn: () => undefined,
  });
  const server = await AppServer.start(dist);
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sources`);
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(mirrorUrl);
    await page.getByRole('button', { name: 'Find source' }).click();
    requests = 0;
    bytesTransferred = 0;
    await page.getByRole('button', { name: 'Follow Bench Desk' }).click();
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, SYNC_FINISHED, { timeout: 600_000 });
    const ms = await page.evaluate(([start, end]) => performance.measure('sync', start, end).duration, [SYNC_STARTED, SYNC_FINISHED]);
    const status = await page.getByRole('status', { name: 'Sync' }).innerText();
    if (!status.includes(`${count} new articles`)) throw new Error(`the sync did not get every article: ${status}`);
    const articleBytes = articles.reduce((sum, article) => sum + Buffer.byteLength(JSON.stringify(article)), 0);
    return {
      articles: count,
      ms: Math.round(ms),
      requests,
      bytesTransferred,
      articleBytes,
      overheadPercent: Math.round(((bytesTransferred - articleBytes) / articleBytes) * 1000) / 10,
    };
  } finally {
    await browser.close();
    await server.stop();
    mirror.close();
    await rm(folder, { recursive: true, force: true });
  }
}
