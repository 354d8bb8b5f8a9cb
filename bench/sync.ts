import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extname } from 'node:path';
import { chromium } from '@playwright/test';
import sirv from 'sirv';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { launchOptions } from '../e2e/helpers/browser.ts';
import { buildEdition } from '../src/cli/edition/build-edition.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { INDEX_COPY_FILE, INDEX_FILE } from '../src/shared/edition/edition-format.ts';
import { generateSigningKey, signArticle } from '../src/shared/signing.ts';
import { SYNC_FINISHED, SYNC_STARTED } from '../src/app/performance-marks.ts';
import type { Article } from '../src/shared/article.ts';
import { ThrottledLink } from './throttled-link.ts';

export interface SyncFigures {
  articles: number;
  /** How the reader got them: the edition's pack, or one file per article (as before packs). */
  way: 'pack' | 'article files';
  /** The link, when not bare loopback. */
  link?: SlowLink;
  /** Whether the mirror gzips its JSON and HTML answers, as most static hosts do (the pack is compressed already). */
  gzip: boolean;
  ms: number;
  requests: number;
  bytesTransferred: number;
  /** The articles themselves, as JSON: what the reader gets. */
  articleBytes: number;
  /** The same JSON gzipped as one file: the least a transfer of them could reasonably be. */
  articleGzipBytes: number;
  /** Of bytesTransferred, the signed index's (its gzipped copy's, which readers ask for first, and the index's if asked). */
  indexBytes: number;
  overheadPercent: number;
}

export interface SlowLink {
  latencyMs: number;
  bitsPerSecond: number;
}

/**
 * The sample's paragraphs with their words drawn at random from the sample's own (as often as it
 * uses each): text of the sample's size and vocabulary that differs from article to article as
 * news does, so that compression across articles is not flattered by copies of one text.
 */
function textLike(content: string, seed: number): string {
  const words = content
    .replace(/<[^>]+>/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let state = seed * 2_654_435_761 + 1;
  const draw = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return words[state % words.length]!;
  };
  return content.replace(/(<p[^>]*>)([^<]*)(<\/p>)/g, (_all, open: string, text: string, close: string) => {
    const count = text.split(/\s+/).filter(Boolean).length;
    return `${open}${Array.from({ length: count }, draw).join(' ')}${close}`;
  });
}

/** `count` signed articles of the sample's size and vocabulary, each with its own text. */
export async function benchArticles(count: number): Promise<{ articles: Article[]; key: Awaited<ReturnType<typeof generateSigningKey>> }> {
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
          content: textLike(draft.content, index),
          published: new Date(Date.UTC(2021, 0, 1) + index * 60_000).toISOString(),
        },
        key,
      ),
    );
  }
  return { articles, key };
}

/** What GitHub Pages, Netlify, Cloudflare and nginx's usual setup compress on the way out. */
const COMPRESSED_TYPES: Record<string, string> = { '.json': 'application/json', '.html': 'text/html; charset=utf-8' };

/**
 * Sends the file gzipped, as a host that compresses does, and says whether it did: not for a
 * range, nor a pack (compressed already), nor a file that is not there.
 */
async function gzippedAnswer(folder: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://mirror').pathname;
  const type = COMPRESSED_TYPES[extname(path)];
  if (!type || req.headers.range || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return false;
  const bytes = await readFile(join(folder, decodeURIComponent(path))).catch(() => undefined);
  if (!bytes) return false;
  const body = gzipSync(bytes);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Encoding': 'gzip',
    'Content-Length': body.length,
    Vary: 'Accept-Encoding',
    'Access-Control-Allow-Origin': '*',
  });
  res.end(body);
  return true;
}

/**
 * A publisher's edition of `articles`, served by one mirror on loopback (behind a slow link when
 * `link` is given), followed and synced by the app: through the edition's pack, or, as readers did
 * before packs, one file per article. With `gzip`, the mirror compresses JSON and HTML as most
 * static hosts do, for either way.
 */
export async function measureSync(
  dist: string,
  { articles, key }: Awaited<ReturnType<typeof benchArticles>>,
  way: SyncFigures['way'],
  link?: SlowLink,
  gzip = false,
): Promise<SyncFigures> {
  const count = articles.length;
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
    const plain = () =>
      files(req, res, () => {
        res.statusCode = 404;
        res.end();
      });
    if (!gzip) return plain();
    gzippedAnswer(folder, req, res).then(
      (sent) => sent || plain(),
      () => res.destroy(),
    );
  }).listen(0, '127.0.0.1');
  await once(mirror, 'listening');
  const direct = `http://127.0.0.1:${(mirror.address() as { port: number }).port}/`;
  const slow = link ? await ThrottledLink.inFrontOf(direct, link.latencyMs, link.bitsPerSecond) : undefined;
  const mirrorUrl = slow?.url ?? direct;
  await buildEdition(articles, [], {
    pack: way === 'pack',
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
    await page.goto(`${server.url}/?screen=sources`);
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(mirrorUrl);
    await page.getByRole('button', { name: 'Find source' }).click();
    // Counted from here: the offer is shown, so finding the source has asked all it asks.
    await page.getByRole('checkbox', { name: /^I compared the key / }).check();
    requests = 0;
    bytesTransferred = 0;
    slow?.reset();
    await page.getByRole('button', { name: 'Follow Bench Desk' }).click();
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, SYNC_FINISHED, { timeout: 600_000 });
    const ms = await page.evaluate(([start, end]) => performance.measure('sync', start, end).duration, [SYNC_STARTED, SYNC_FINISHED]);
    const status = await page.getByRole('region', { name: 'Sync' }).innerText();
    if (!status.includes(`${count} new articles`)) throw new Error(`the sync did not get every article: ${status}`);
    const articleBytes = articles.reduce((sum, article) => sum + Buffer.byteLength(JSON.stringify(article)), 0);
    // Behind a slow link, what crossed it: a reader that stops reading a pack early closes the
    // connection, and what the mirror had sent past that never reached the reader.
    if (slow) [requests, bytesTransferred] = [slow.requests, slow.bytes];
    return {
      articles: count,
      way,
      ...(link ? { link } : {}),
      gzip,
      ms: Math.round(ms),
      requests,
      bytesTransferred,
      articleBytes,
      articleGzipBytes: gzipSync(JSON.stringify(articles)).length,
      indexBytes: [INDEX_FILE, INDEX_COPY_FILE].reduce((sum, file) => sum + (slow?.bytesByPath.get(`/${file}`) ?? 0), 0),
      overheadPercent: Math.round(((bytesTransferred - articleBytes) / articleBytes) * 1000) / 10,
    };
  } finally {
    await browser.close();
    await server.stop();
    slow?.close();
    mirror.closeAllConnections();
    mirror.close();
    await rm(folder, { recursive: true, force: true });
  }
}
