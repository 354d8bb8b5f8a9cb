import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import sirv from 'sirv';
import { buildEdition, type EditionOptions } from '../src/cli/edition/build-edition.ts';
import type { Article } from '../src/shared/article.ts';
import { BundleError } from '../src/shared/bundle/bundle-format.ts';
import { MAX_INFLATED_BYTES } from '../src/shared/bundle/compact-payload.ts';
import type { EditionSource } from '../src/shared/db-schema.ts';
import type { EditionIndex } from '../src/shared/edition/edition-format.ts';
import { englishNote } from '../src/shared/note.ts';
import { sha256Hex } from '../src/shared/sha256.ts';
import { generateSigningKey, signArticle, type SigningKey } from '../src/shared/signing.ts';
import { syncEdition } from '../src/shared/sync/sync-edition.ts';
import { decodePackBlock } from '../src/shared/sync/pack-block.ts';
import { usablePack } from '../src/shared/sync/pack-plan.ts';
import { memoryStore } from './helpers/memory-store.ts';

let work = '';
let key: SigningKey;
const servers: Server[] = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-packs-'));
  key = await generateSigningKey();
});

after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await rm(work, { recursive: true, force: true });
});

const WORDS = (
  'the council vote sanctions minister said report city protest court law election border troops aid winter ' +
  'energy prices journalists detained statement officials region week talks ceasefire villages water school ' +
  'hospital families budget parliament opposition media license closed appeal sentence years witnesses'
).split(' ');

/** Prose that differs from article to article, as news does, so that compression is measured honestly. */
function prose(seed: number, words: number): string {
  let state = seed * 7919 + 1;
  const out: string[] = [];
  for (let n = 0; n < words; n++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out.push(WORDS[state % WORDS.length]!);
    if (n % 14 === 13) out.push(`${state % 1000}.`);
  }
  return out.join(' ');
}

async function articles(count: number, from = 0): Promise<Article[]> {
  return Promise.all(
    Array.from({ length: count }, (_, n) =>
      signArticle(
        {
          guid: `urn:packs:${from + n}`,
          revision: 1,
          title: `Report ${from + n}`,
          publisher: { name: 'Desk' },
          lang: 'en',
          dir: 'ltr',
          published: new Date(Date.UTC(2026, 0, 1) + (from + n) * 3_600_000).toISOString(),
          content: `<p>${prose(from + n, 400)}</p><p>${prose(from + n + 100_000, 300)}</p>`,
        },
        key,
      ),
    ),
  );
}

function options(dir: string, extra: Partial<EditionOptions> = {}): EditionOptions {
  return { dir, key, name: 'Desk', mirrors: [], newest: 5, expiresInDays: 30, warn: () => undefined, ...extra };
}

function source(mirrors: string[]): EditionSource {
  return { kind: 'edition', id: key.publicKey, name: 'Desk', mirrors, addedAt: 0, mirrorStatus: {} };
}

interface Asked {
  url: string;
  range?: string;
  status?: number;
  bytes: number;
}

/** A mirror of `dir` on loopback that records what it is asked and what it sends; `answer` may do otherwise. */
async function mirrorOf(
  dir: string,
  answer: (req: IncomingMessage, res: ServerResponse, serveFile: () => void, asked: Asked[]) => void = (_q, _s, serveFile) => serveFile(),
): Promise<{ url: string; asked: Asked[] }> {
  const files = sirv(dir, { dev: true });
  const asked: Asked[] = [];
  const server = createServer((req, res) => {
    const record: Asked = { url: req.url ?? '', ...(req.headers.range ? { range: req.headers.range } : {}), bytes: 0 };
    asked.push(record);
    const write = res.write.bind(res);
    res.write = ((chunk: Uint8Array, ...rest: unknown[]) => (
      (record.bytes += chunk.length),
      write(chunk, ...(rest as []))
    )) as typeof res.write;
    res.on('finish', () => (record.status = res.statusCode));
    answer(req, res, () => files(req, res, () => ((res.statusCode = 404), void res.end())), asked);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, asked };
}

async function indexOf(dir: string): Promise<EditionIndex> {
  return JSON.parse(await readFile(join(dir, 'pamphlet-index.json'), 'utf8')) as EditionIndex;
}

/** Sends the first `cut` bytes of the pack file, then drops the connection. */
async function cutAfter(dir: string, req: IncomingMessage, res: ServerResponse, cut: number): Promise<void> {
  const bytes = await readFile(join(dir, req.url!));
  res.writeHead(200, { 'content-length': bytes.length, 'content-type': 'application/octet-stream' });
  // Closed after the bytes, not reset: the reader gets all of them, then an answer that stops short.
  res.write(bytes.subarray(0, cut), () => res.socket?.end());
}

test('pamphlet edition writes one pack of every article, newest first, in blocks that grow from one article; a run later the older pack goes', async () => {
  const dir = join(work, 'written');
  const written = await articles(150);
  const first = await buildEdition(written, [], options(dir));
  const pack = first.index.pack!;
  assert.match(pack.path, /^packs\/[0-9a-f]{64}\.pack$/);
  const bytes = new Uint8Array(await readFile(join(dir, pack.path)));
  assert.equal(bytes.length, pack.size);
  assert.equal(await sha256Hex(bytes), pack.hash);
  assert.deepEqual(
    pack.blocks.map(([count]) => count),
    [1, 1, 2, 4, 8, 16, 32, 64, 22],
  );
  // Each block alone is the Brotli-compressed payload of the index's next articles, in the index's order.
  let offset = 0;
  let position = 0;
  for (const [count, size] of pack.blocks) {
    const block = await decodePackBlock(bytes.subarray(offset, offset + size));
    assert.deepEqual(
      block.articles.map((article) => article.id),
      first.index.articles.slice(position, position + count).map((entry) => entry.id),
    );
    offset += size;
    position += count;
  }
  assert.equal(first.index.articles[0]!.title, 'Report 149', 'newest first');

  const second = await buildEdition(await articles(1, 150), [], options(dir));
  const third = await buildEdition(await articles(1, 151), [], options(dir));
  assert.deepEqual(
    (await readdir(join(dir, 'packs'))).sort(),
    [second.index.pack!.path, third.index.pack!.path].map((path) => path.slice(6)).sort(),
  );
});

test('a reader who lacks every article gets them in two requests, within 1.15 times the gzip size of their JSON', async () => {
  const dir = join(work, 'catch-up');
  const written = await articles(150);
  await buildEdition(written, [], options(dir));
  const mirror = await mirrorOf(dir);
  const store = memoryStore();
  const report = await syncEdition(source([mirror.url]), store);
  assert.equal(report.added, 150);
  assert.equal(report.complete, true);
  assert.deepEqual(
    mirror.asked.map((asked) => asked.url.replace(/[0-9a-f]{64}/, 'H')),
    ['/pamphlet-index.json.gz', '/packs/H.pack'],
  );
  const pack = mirror.asked[1]!;
  const gzipOfArticles = gzipSync(JSON.stringify(written)).length;
  assert.ok(pack.bytes <= 1.15 * gzipOfArticles, `${pack.bytes} bytes of pack for ${gzipOfArticles} of gzipped JSON`);
  for (const article of written) assert.equal(store.stored.get(article.id)?.content, article.content);
});

test('a reader a few articles behind reads only the first blocks, and one who lacks one old article fetches only that one', async () => {
  const dir = join(work, 'behind');
  const older = await articles(300);
  await buildEdition(older, [], options(dir));
  const store = memoryStore();
  await syncEdition(source([(await mirrorOf(dir)).url]), store);
  const newer = await articles(3, 300);
  await buildEdition(newer, [], options(dir));
  const index = await indexOf(dir);
  const mirror = await mirrorOf(dir);
  const report = await syncEdition(source([mirror.url]), store);
  assert.equal(report.added, 3);
  assert.equal(mirror.asked.length, 2);
  // Blocks of 1, 1 and 2 hold the three and one more: the reader stops reading the answer there,
  // having taken at most one network chunk more.
  const [one, two, three] = index.pack!.blocks.map(([, size]) => size);
  // This mirror labels the index's gzipped copy `Content-Encoding: gzip`, so the reader counts it inflated.
  const packBytes = report.bytes - (await readFile(join(dir, 'pamphlet-index.json'))).length;
  assert.ok(packBytes <= one! + two! + three! + 64 * 1024, `${packBytes} bytes of the pack read`);
  assert.ok(packBytes < index.pack!.size / 2, `${packBytes} of ${index.pack!.size} bytes read`);

  store.stored.delete(older[50]!.id);
  const lone = await mirrorOf(dir);
  const again = await syncEdition(source([lone.url]), store);
  assert.equal(again.added, 1);
  assert.deepEqual(
    lone.asked.map((asked) => asked.url),
    ['/pamphlet-index.json.gz', `/articles/${older[50]!.id}.html`],
  );
});

test('a pack cut midway resumes with a range request from the first block not yet whole, keeping what came', async () => {
  const dir = join(work, 'resume');
  const written = await articles(150);
  const { index } = await buildEdition(written, [], options(dir));
  let cuts = 0;
  const mirror = await mirrorOf(dir, (req, res, serveFile) =>
    req.url!.startsWith('/packs/') && !cuts++ ? void cutAfter(dir, req, res, Math.floor(index.pack!.size / 2)) : serveFile(),
  );
  const store = memoryStore();
  const report = await syncEdition(source([mirror.url]), store);
  assert.equal(report.added, 150);
  assert.equal(report.complete, true);
  const [, first, second] = mirror.asked;
  assert.equal(first!.range, undefined);
  const resumedAt = Number(/^bytes=(\d+)-/.exec(second!.range ?? '')?.[1]);
  const boundaries = index.pack!.blocks.reduce<number[]>((ends, [, size]) => [...ends, (ends.at(-1) ?? 0) + size], [0]);
  // At the first block not whole when the answer stopped: every block before it is kept, not fetched again.
  const firstNotWhole = Math.max(...boundaries.filter((boundary) => boundary <= index.pack!.size / 2));
  assert.equal(resumedAt, firstNotWhole);
  assert.ok(resumedAt > 0);
  assert.equal(second!.status, 206);
  assert.equal(mirror.asked.length, 3);
});

test('a mirror that ignores ranges: the resumed read takes the whole pack and skips what it has', async () => {
  const dir = join(work, 'no-ranges');
  const written = await articles(150);
  const { index } = await buildEdition(written, [], options(dir));
  let cuts = 0;
  const mirror = await mirrorOf(dir, (req, res, serveFile) => {
    delete req.headers.range;
    if (req.url!.startsWith('/packs/') && !cuts++) void cutAfter(dir, req, res, Math.floor(index.pack!.size / 2));
    else serveFile();
  });
  const store = memoryStore();
  const report = await syncEdition(source([mirror.url]), store);
  assert.equal(report.added, 150);
  assert.equal(report.complete, true);
  assert.equal(mirror.asked[2]!.status, 200);
  for (const article of written) assert.equal(store.stored.get(article.id)?.title, article.title);
});

test('an altered block is refused and told; the blocks before it are kept and the rest come from the next mirror', async () => {
  const dir = join(work, 'altered');
  const written = await articles(150);
  const { index } = await buildEdition(written, [], options(dir));
  const blockSizes = index.pack!.blocks.map(([, size]) => size);
  const alteredAt = blockSizes.slice(0, 7).reduce((sum, size) => sum + size, 0) + 10;
  const altering = await mirrorOf(dir, (req, res, serveFile) => {
    if (!req.url!.startsWith('/packs/')) return serveFile();
    void readFile(join(dir, req.url!)).then((bytes) => {
      bytes[alteredAt]! ^= 0x55;
      res.end(bytes);
    });
  });
  const good = await mirrorOf(dir);
  const store = memoryStore();
  const report = await syncEdition(source([altering.url, good.url]), store);
  assert.equal(report.added, 150);
  assert.equal(report.complete, true);
  assert.equal(report.mirrorStatus[altering.url]?.outcome, 'failed-verification');
  assert.match(
    englishNote(report.messages[0]!),
    /^Mirror 127\.0\.0\.1:\d+ served a bundle that failed verification \(“Report \d+”\); skipped\.$/,
  );
  assert.equal(good.asked.length, 1, 'the good mirror is asked for the rest of the pack only');
  assert.match(good.asked[0]!.range ?? '', new RegExp(`^bytes=${alteredAt - 10}-`));
  for (const article of written) assert.equal(store.stored.get(article.id)?.content, article.content);
});

test("a pack of the publisher's own articles in another order, or another edition's pack, is refused; a missing pack falls back to article files", async () => {
  const dir = join(work, 'swapped');
  const { index } = await buildEdition(await articles(20), [], options(dir));
  const otherDir = join(work, 'swapped-other');
  const other = await buildEdition(await articles(20, 500), [], options(otherDir));
  const swapping = await mirrorOf(dir, (req, res, serveFile) =>
    req.url!.startsWith('/packs/') ? void readFile(join(otherDir, other.index.pack!.path)).then((bytes) => res.end(bytes)) : serveFile(),
  );
  const report = await syncEdition(source([swapping.url]), memoryStore());
  assert.equal(report.mirrorStatus[swapping.url]?.outcome, 'failed-verification');
  // Refused at its first block; every article then comes from its own file, checked against the index.
  assert.equal(report.added, 20);
  assert.equal(swapping.asked.filter((asked) => asked.url.startsWith('/articles/')).length, 20);

  await rm(join(dir, index.pack!.path));
  const missing = await mirrorOf(dir);
  const fallback = await syncEdition(source([missing.url]), memoryStore());
  assert.equal(fallback.added, 20);
  assert.equal(fallback.complete, true);
  assert.equal(missing.asked[1]!.status, 404);
});

test('a signed index whose pack names a block larger than any article file may be is read article by article, never held whole', async () => {
  const dir = join(work, 'huge-block');
  const { index } = await buildEdition(await articles(3), [], options(dir));
  const huge = { ...index, pack: { ...index.pack!, blocks: [[3, 64 * 1024 * 1024]], size: 64 * 1024 * 1024 } } as EditionIndex;
  assert.equal(usablePack(huge), undefined);
  assert.ok(usablePack(index));
});

test('a pack compressed in a way this reader does not know is left for the article files', async () => {
  const dir = join(work, 'other-encoding');
  const { index } = await buildEdition(await articles(3), [], options(dir));
  assert.equal(index.pack!.encoding, 'br');
  for (const encoding of ['zstd', 'deflate-raw', undefined, 7]) {
    assert.equal(usablePack({ ...index, pack: { ...index.pack!, encoding } } as unknown as EditionIndex), undefined, String(encoding));
  }
});

test('a pack block that is not Brotli, is cut short, or would inflate past the limit is refused, never held whole', async () => {
  const dir = join(work, 'bad-blocks');
  const { index } = await buildEdition(await articles(1), [], options(dir));
  const whole = new Uint8Array(await readFile(join(dir, index.pack!.path)));
  assert.equal((await decodePackBlock(whole)).articles[0]!.id, index.articles[0]!.id, 'the well-formed block opens');
  const bomb = brotliCompressSync(new Uint8Array(MAX_INFLATED_BYTES + 1).fill(0x20));
  assert.ok(bomb.length < 1024, 'a few bytes that would inflate to more than the limit');
  const random = new Uint8Array(4096).map((_, at) => (at * 2_654_435_761) >>> 24);
  for (const [what, bytes] of [
    ['a bomb', bomb],
    ['cut short', whole.subarray(0, whole.length - 4)],
    ['deflate instead', deflateRawSync(brotliDecompressSync(whole))],
    ['noise', random],
    ['nothing', new Uint8Array(0)],
  ] as const) {
    await assert.rejects(decodePackBlock(bytes), (error) => error instanceof BundleError, what);
  }
});
