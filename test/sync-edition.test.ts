import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import sirv from 'sirv';
import { buildEdition, type EditionOptions } from '../src/cli/edition/build-edition.ts';
import type { Article } from '../src/shared/article.ts';
import type { EditionSource } from '../src/shared/db-schema.ts';
import { MAX_INDEX_BYTES } from '../src/shared/edition/edition-format.ts';
import { generateSigningKey, signArticle, signJson, type SigningKey } from '../src/shared/signing.ts';
import { syncEdition } from '../src/shared/sync/sync-edition.ts';
import { asksForIndex, writeIndexFiles } from './helpers/edition-index-files.ts';
import { memoryStore } from './helpers/memory-store.ts';
import { storedMirrorOutcome } from '../src/shared/sync/mirror-outcome.ts';
import { englishNote } from '../src/shared/note.ts';

let work = '';
let key: SigningKey;
const servers: Server[] = [];

async function serve(dir: string): Promise<string> {
  const files = sirv(dir, { dev: true });
  const server = createServer((req, res) => files(req, res, () => ((res.statusCode = 404), void res.end()))).listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}

/**
 * A mirror on loopback that answers with `answer` (a request, the response, and sirv serving `dir`).
 */
async function serveWith(dir: string, answer: (req: IncomingMessage, res: ServerResponse, serveFile: () => void) => void): Promise<string> {
  const files = sirv(dir, { dev: true });
  const server = createServer((req, res) => answer(req, res, () => files(req, res, () => ((res.statusCode = 404), void res.end())))).listen(
    0,
    '127.0.0.1',
  );
  await once(server, 'listening');
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}

async function articles(count: number, from = 0): Promise<Article[]> {
  return Promise.all(
    Array.from({ length: count }, (_, n) =>
      signArticle(
        {
          guid: `urn:sync:${from + n}`,
          revision: 1,
          title: `Story ${from + n}`,
          publisher: { name: 'Desk' },
          lang: 'en',
          dir: 'ltr',
          published: `2026-01-${String(from + n + 1).padStart(2, '0')}`,
          content: `<p>Story ${from + n}.</p>`,
        },
        key,
      ),
    ),
  );
}

function source(mirrors: string[], lastSequence?: number): EditionSource {
  return {
    kind: 'edition',
    id: key.publicKey,
    name: 'Desk',
    mirrors,
    addedAt: 0,
    mirrorStatus: {},
    ...(lastSequence === undefined ? {} : { lastSequence }),
  };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-sync-'));
  key = await generateSigningKey();
});

after(async () => {
  // A silent mirror's connections stay open until closed here.
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await rm(work, { recursive: true, force: true });
});

/** An edition without a pack (as made before packs, or a pack no mirror serves): readers fetch article by article. */
const ARTICLE_BY_ARTICLE = { pack: false };

function editionOptions(dir: string, extra: Partial<EditionOptions> = {}): EditionOptions {
  return { dir, key, name: 'Desk', mirrors: [], newest: 5, expiresInDays: 30, warn: () => undefined, ...extra };
}

test('an expired index is refused, however well signed', async () => {
  const dir = join(work, 'expired');
  await buildEdition(await articles(2), [], editionOptions(dir, { expiresInDays: 1, now: new Date(Date.now() - 3 * 86_400_000) }));
  const report = await syncEdition(source([await serve(dir)]), memoryStore());
  assert.match(
    englishNote(report.error!),
    /^No mirror served a valid index \(tried 1\): 127\.0\.0\.1:\d+ served an older index \(its index expired on/,
  );
  assert.equal(report.added, 0);
});

test('an index signed by another key than the pinned one is refused', async () => {
  const dir = join(work, 'other-key');
  await buildEdition(await articles(1), [], editionOptions(dir, { key: await generateSigningKey(), name: 'Impostor' }));
  const report = await syncEdition(source([await serve(dir)]), memoryStore());
  assert.match(englishNote(report.error!), /does not verify: it is signed by another key/);
});

test('an index that lists an article larger than any bundle a reader takes is refused whole, however well signed', async () => {
  const dir = join(work, 'huge-entry');
  await buildEdition(await articles(1), [], editionOptions(dir));
  const path = join(dir, 'pamphlet-index.json');
  const { signature: _signature, ...index } = JSON.parse(await readFile(path, 'utf8'));
  index.articles[0].size = 2 ** 40;
  await writeIndexFiles(dir, await signJson(index, key));
  const report = await syncEdition(source([await serve(dir)]), memoryStore());
  assert.match(englishNote(report.error!), /No mirror served a valid index/);
  assert.equal(report.requests, 1);
});

test('a replayed index is refused once a newer one was seen; a bad copy is skipped for a good mirror', async () => {
  const dir = join(work, 'good');
  await buildEdition(await articles(3), [], editionOptions(dir, ARTICLE_BY_ARTICLE));
  const good = await serve(dir);
  const index = JSON.parse(await readFile(join(dir, 'pamphlet-index.json'), 'utf8'));

  const bad = join(work, 'bad');
  await cp(dir, bad, { recursive: true });
  for (const file of await readdir(join(bad, 'articles'))) {
    const path = join(bad, 'articles', file);
    await writeFile(path, (await readFile(path, 'utf8')).replace('Story', 'Lie'));
  }
  const store = memoryStore();
  const report = await syncEdition(source([await serve(bad), good]), store);
  assert.equal(report.added, 3);
  assert.equal(report.complete, true);
  assert.equal(report.messages.filter((message) => /served a bundle that failed verification/.test(englishNote(message))).length, 3);
  assert.ok([...store.stored.values()].every((article) => article.title.startsWith('Story')));

  const again = await syncEdition(source([good], index.sequence + 1), memoryStore());
  assert.match(englishNote(again.error!), /served an older index \(index number \d+, after number \d+ was seen: a replay\)/);
  // Already stored: nothing is fetched again.
  const third = await syncEdition(source([good], index.sequence), store);
  assert.equal(third.added, 0);
  assert.equal(third.requests, 1);
});

test('a mirror that takes the request and does not answer is given up after the timeout, for the index and for each article', async () => {
  const dir = join(work, 'stalled');
  await buildEdition(await articles(3), [], editionOptions(dir));
  // Each stalled request is dropped after 5 s, so that a sync that waited longer than it was told
  // would see a dropped connection instead of its own timeout, and fail the assertions below.
  const hangUp = (req: IncomingMessage) => setTimeout(() => req.socket.destroy(), 5_000).unref();
  const silent = await serveWith(dir, hangUp);
  // Serves the index, then stalls on every article: each one is fetched from the next mirror.
  const stalling = await serveWith(dir, (req, _res, serveFile) => (req.url?.startsWith('/articles/') ? hangUp(req) : serveFile()));
  const good = await serve(dir);
  const store = memoryStore();
  const report = await syncEdition(source([silent, stalling, good]), store, { timeoutMs: 1500 });
  assert.equal(report.complete, true);
  assert.equal(report.added, 3);
  assert.equal(store.stored.size, 3);
  assert.equal(report.mirrorStatus[silent]?.ok, false);
  assert.equal(report.mirrorStatus[silent]?.detail, 'it did not answer in time');

  const alone = await syncEdition(source([silent]), memoryStore(), { timeoutMs: 1500 });
  assert.match(englishNote(alone.error!), /^No mirror answered \(tried 1; last error: 127\.0\.0\.1:\d+: it did not answer in time\)/);
});

test('a sync asks for at most three bundles at once, and for more than one', async () => {
  const dir = join(work, 'many');
  await buildEdition(await articles(12), [], editionOptions(dir, ARTICLE_BY_ARTICLE));
  let open = 0;
  let peak = 0;
  const mirror = await serveWith(dir, (_req, res, serveFile) => {
    peak = Math.max(peak, ++open);
    res.on('close', () => open--);
    // Held a moment, so that requests the sync sends together are open together here: a time, not
    // a condition, since what is checked is that no fourth request comes while three are open.
    setTimeout(serveFile, 200);
  });
  const report = await syncEdition(source([mirror]), memoryStore());
  assert.equal(report.added, 12);
  assert.ok(peak <= 3, `at most 3 requests at once, not ${peak}`);
  assert.ok(peak > 1, `more than one request at once, not ${peak}`);
});

/** A mirror on loopback that keeps the path of every request it gets, answering as `serveWith` does. */
async function recording(
  dir: string,
  answer: Parameters<typeof serveWith>[1] = (_req, _res, serveFile) => serveFile(),
): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = [];
  const url = await serveWith(dir, (req, res, serveFile) => {
    asked.push(req.url ?? '');
    answer(req, res, serveFile);
  });
  return { url, asked };
}

/** An address on loopback where nothing listens: the connection is refused. */
async function refusing(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}/`;
}

/** How far a streamed answer got: bytes written when the connection closed, and whether it ended. */
interface Streamed {
  sent: number;
  finished: boolean;
  closed: Promise<void>;
}

/**
 * Answers with `head`, then `total` more bytes in chunks, with no Content-Length (chunked), as
 * fast as the reader takes them: an answer that never seems to end.
 */
function stream(res: ServerResponse, total: number, head: Uint8Array = new Uint8Array(0)): Streamed {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const streamed: Streamed = { sent: 0, finished: false, closed: once(res, 'close').then(() => undefined) };
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  res.write(head);
  streamed.sent = head.length;
  const more = () => {
    while (streamed.sent < head.length + total) {
      if (res.destroyed) return;
      streamed.sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    res.end(() => (streamed.finished = true));
  };
  more();
  return streamed;
}

const MB = 1024 * 1024;

test('with three good mirrors, only the first is asked anything', async () => {
  const dir = join(work, 'three-good');
  await buildEdition(await articles(3), [], editionOptions(dir, ARTICLE_BY_ARTICLE));
  const [first, second, third] = [await recording(dir), await recording(dir), await recording(dir)];
  const report = await syncEdition(source([first.url, second.url, third.url]), memoryStore());
  assert.equal(report.added, 3);
  assert.equal(first.asked.length, 4);
  assert.deepEqual(second.asked, []);
  assert.deepEqual(third.asked, []);
  assert.deepEqual(Object.keys(report.mirrorStatus), [first.url]);
});

test('with the first mirror down, the second is asked and the third is not', async () => {
  const dir = join(work, 'first-down');
  await buildEdition(await articles(2), [], editionOptions(dir));
  const hanging = await recording(dir, (req) => setTimeout(() => req.socket.destroy(), 5_000).unref());
  for (const down of [await refusing(), hanging.url]) {
    const [second, third] = [await recording(dir), await recording(dir)];
    const report = await syncEdition(source([down, second.url, third.url]), memoryStore(), { timeoutMs: 1500 });
    assert.equal(report.added, 2);
    assert.equal(report.mirrorStatus[down]?.ok, false);
    assert.equal(report.mirrorStatus[second.url]?.ok, true);
    assert.ok(second.asked.some(asksForIndex));
    assert.deepEqual(third.asked, []);
    assert.deepEqual(Object.keys(report.mirrorStatus), [down, second.url]);
  }
  // A silent mirror is waited for once: for the index's copy, not then for the index too.
  assert.deepEqual(hanging.asked, ['/pamphlet-index.json.gz']);
});

test('an index that does not end is cut off at the limit, and the next mirror is asked', async () => {
  const dir = join(work, 'endless-index');
  await buildEdition(await articles(2), [], editionOptions(dir));
  let streamed: Streamed | undefined;
  const endless = await recording(dir, (req, res, serveFile) => (asksForIndex(req.url) ? (streamed = stream(res, 64 * MB)) : serveFile()));
  const good = await recording(dir);
  const report = await syncEdition(source([endless.url, good.url]), memoryStore());
  await streamed!.closed;
  assert.equal(streamed!.finished, false, 'the reader closed the connection before the answer ended');
  // What the connection's buffers hold on top of what the reader took: a few megabytes on loopback.
  assert.ok(streamed!.sent < MAX_INDEX_BYTES + 16 * MB, `cut off soon after the limit, not after ${streamed!.sent} bytes`);
  assert.deepEqual(report.mirrorStatus[endless.url]?.note, { code: 'mirror-too-large', megabytes: MAX_INDEX_BYTES / MB });
  assert.equal(report.added, 2);
});

test('an index whose Content-Length is over the limit is refused before any of its body is read', { timeout: 20_000 }, async () => {
  const dir = join(work, 'long-length');
  await buildEdition(await articles(1), [], editionOptions(dir));
  let hungUp: Promise<unknown> | undefined;
  const boasting = await recording(dir, (req, res, serveFile) => {
    if (!asksForIndex(req.url)) return serveFile();
    // Headers only, and no body ever: a reader that waited for the body would wait until its timeout.
    res.writeHead(200, { 'content-length': String(MAX_INDEX_BYTES + 1) });
    res.flushHeaders();
    hungUp = once(res, 'close');
  });
  const good = await recording(dir);
  const report = await syncEdition(source([boasting.url, good.url]), memoryStore(), { timeoutMs: 3000 });
  assert.deepEqual(report.mirrorStatus[boasting.url]?.note, { code: 'mirror-too-large', megabytes: MAX_INDEX_BYTES / MB });
  assert.equal(report.added, 1);
  // The reader closed the connection itself.
  await hungUp;
});

test('an article longer than its index says is cut off past that size, refused, and fetched from the next mirror', async () => {
  const dir = join(work, 'long-article');
  await buildEdition(await articles(2), [], editionOptions(dir, ARTICLE_BY_ARTICLE));
  const streams: Streamed[] = [];
  const padding = await recording(dir, (req, res, serveFile) => {
    if (!req.url?.startsWith('/articles/')) return serveFile();
    // The genuine bundle, then 32 MB more: the hash could only be checked once the whole was read.
    void readFile(join(dir, req.url)).then((bundle) => streams.push(stream(res, 32 * MB, bundle)));
  });
  const good = await recording(dir);
  const report = await syncEdition(source([padding.url, good.url]), memoryStore());
  await Promise.all(streams.map((streamed) => streamed.closed));
  assert.equal(streams.length, 2);
  for (const streamed of streams) {
    assert.equal(streamed.finished, false, 'the reader closed the connection before the answer ended');
    assert.ok(streamed.sent < 16 * MB, `cut off soon after the size, not after ${streamed.sent} bytes`);
  }
  assert.equal(report.added, 2);
  assert.equal(report.complete, true);
  assert.equal(good.asked.filter((path) => path.startsWith('/articles/')).length, 2);
  assert.equal(report.mirrorStatus[padding.url]?.outcome, 'failed-verification');
  assert.equal(report.mirrorStatus[padding.url]?.detail, 'its copy does not match the hash in the signed index');
  assert.equal(report.mirrorStatus[good.url]?.detail, 'asked for articles only');
});

test('a mirror that redirects is refused: the address it names is never asked', async () => {
  const dir = join(work, 'redirect');
  await buildEdition(await articles(1), [], editionOptions(dir));
  const elsewhere = await recording(dir);
  const redirecting = await recording(dir, (req, res) => {
    res.writeHead(302, { location: new URL(req.url ?? '/', elsewhere.url).href });
    res.end();
  });
  const good = await recording(dir);
  const report = await syncEdition(source([redirecting.url, good.url]), memoryStore());
  assert.deepEqual(elsewhere.asked, []);
  assert.equal(report.mirrorStatus[redirecting.url]?.ok, false);
  assert.equal(report.mirrorStatus[redirecting.url]?.detail, 'it redirected elsewhere, which Pamphlet does not follow');
  assert.equal(report.added, 1);
});

/** A copy of an edition folder whose index says something its signature does not cover: a forgery. */
async function forgedCopy(dir: string, to: string): Promise<string> {
  await cp(dir, to, { recursive: true });
  const path = join(to, 'pamphlet-index.json');
  const index = JSON.parse(await readFile(path, 'utf8'));
  index.articles[0].title = 'Forged headline';
  await writeIndexFiles(to, index);
  return to;
}

const hostOf = (url: string) => new URL(url).host;

test('with a forged index on one mirror and another that hangs, the summary names the forgery, whatever the order', async () => {
  const dir = join(work, 'forged-and-hanging');
  await buildEdition(await articles(2), [], editionOptions(dir));
  const forged = await serve(await forgedCopy(dir, join(work, 'forged-and-hanging-copy')));
  const hanging = await serveWith(dir, (req) => setTimeout(() => req.socket.destroy(), 5_000).unref());
  for (const order of [
    [forged, hanging],
    [hanging, forged],
  ]) {
    const store = memoryStore();
    const report = await syncEdition(source(order), store, { timeoutMs: 1500 });
    assert.equal(report.error?.code, 'no-valid-index');
    assert.equal(
      englishNote(report.error),
      `No mirror served a valid index (tried 2): ${hostOf(forged)} served an index that failed verification (The edition index does not verify: its signature does not match its content.).`,
    );
    assert.equal(report.mirrorStatus[forged]?.outcome, 'failed-verification');
    assert.equal(report.mirrorStatus[forged]?.ok, false);
    assert.equal(report.mirrorStatus[hanging]?.outcome, 'did-not-answer');
    assert.equal(report.mirrorStatus[hanging]?.detail, 'it did not answer in time');
    assert.equal(store.stored.size, 0);
  }
});

test('a replayed index, validly signed but older than one seen, is an older index: named as such, and told of when another mirror has a current one', async () => {
  const dir = join(work, 'replayed');
  await buildEdition(await articles(2), [], editionOptions(dir));
  const { sequence } = JSON.parse(await readFile(join(dir, 'pamphlet-index.json'), 'utf8'));
  const replaying = await serve(dir);
  const down = await refusing();

  // The reader has seen a newer index than the one this mirror holds; the other mirror is down.
  const alone = await syncEdition(source([replaying, down], sequence + 1), memoryStore());
  assert.equal(alone.error?.code, 'no-current-index');
  assert.equal(
    englishNote(alone.error),
    `No mirror served a valid index (tried 2): ${hostOf(replaying)} served an older index (index number ${sequence}, after number ${sequence + 1} was seen: a replay).`,
  );
  assert.equal(alone.mirrorStatus[replaying]?.outcome, 'older-index');
  assert.equal(alone.mirrorStatus[down]?.outcome, 'did-not-answer');

  // A mirror with the current index comes after it: the sync goes through, and says what the first one did.
  const newer = join(work, 'replayed-newer');
  await buildEdition(await articles(3), [], editionOptions(newer, { now: new Date(Date.now() + 60_000) }));
  const current = await serve(newer);
  const report = await syncEdition(source([replaying, current], sequence + 1), memoryStore());
  assert.equal(report.error, undefined);
  assert.equal(report.added, 3);
  assert.equal(report.mirrorStatus[replaying]?.outcome, 'older-index');
  assert.equal(report.mirrorStatus[current]?.outcome, 'answered');
  assert.deepEqual(report.messages.map(englishNote), [
    `Mirror ${hostOf(replaying)} served an older index (index number ${sequence}, after number ${sequence + 1} was seen: a replay); skipped.`,
  ]);
});

test('a good mirror after a forged and a garbled index: the sync succeeds, and the report still flags both, first', async () => {
  const dir = join(work, 'forged-then-good');
  await buildEdition(await articles(2), [], editionOptions(dir, ARTICLE_BY_ARTICLE));
  const forged = await serve(await forgedCopy(dir, join(work, 'forged-then-good-copy')));
  const garbled = await serveWith(dir, (req, res, serveFile) =>
    asksForIndex(req.url) ? void res.end('{"format": "pamphlet-edition", "articles": [') : serveFile(),
  );
  // Serves the index, then a tampered copy of the first article asked for: that one comes from the next mirror.
  let tampered = 0;
  const tampering = await serveWith(dir, (req, res, serveFile) =>
    req.url?.startsWith('/articles/') && !tampered++
      ? void readFile(join(dir, req.url)).then((bytes) => res.end(bytes.toString('utf8').replace('Story', 'Lie')))
      : serveFile(),
  );
  const good = await serve(dir);
  const store = memoryStore();
  const report = await syncEdition(source([forged, garbled, tampering, good]), store);
  assert.equal(report.error, undefined);
  assert.equal(report.complete, true);
  assert.equal(report.added, 2);
  assert.ok([...store.stored.values()].every((article) => article.title.startsWith('Story')));
  assert.deepEqual(Object.fromEntries(Object.entries(report.mirrorStatus).map(([mirror, status]) => [mirror, status.outcome])), {
    [forged]: 'failed-verification',
    [garbled]: 'failed-verification',
    [tampering]: 'failed-verification',
    [good]: 'answered',
  });
  assert.equal(report.mirrorStatus[garbled]?.detail, 'The edition index is not a Pamphlet edition index.');
  const [first, second, third, ...rest] = report.messages.map(englishNote);
  assert.equal(
    first,
    `Mirror ${hostOf(forged)} served an index that failed verification (The edition index does not verify: its signature does not match its content.); skipped.`,
  );
  assert.equal(
    second,
    `Mirror ${hostOf(garbled)} served an index that failed verification (The edition index is not a Pamphlet edition index.); skipped.`,
  );
  assert.match(
    third ?? '',
    new RegExp(`^Mirror ${hostOf(tampering)} served a bundle that failed verification \\(“Story [01]”\\); skipped\\.$`),
  );
  assert.deepEqual(rest, []);
});

test('a mirror status stored before outcomes is read by what it held', () => {
  const at = { checkedAt: 1, detail: 'as it was' };
  assert.equal(storedMirrorOutcome({ ...at, ok: true }), 'answered');
  assert.equal(storedMirrorOutcome({ ...at, ok: false }), 'did-not-answer');
  assert.equal(storedMirrorOutcome({ ...at, ok: false, note: { code: 'mirror-timeout' } }), 'did-not-answer');
  assert.equal(storedMirrorOutcome({ ...at, ok: false, note: { code: 'served-unverified' } }), 'failed-verification');
  assert.equal(
    storedMirrorOutcome({ ...at, ok: false, note: { code: 'edition-unverified', file: 'index', fault: 'other-key' } }),
    'failed-verification',
  );
  assert.equal(storedMirrorOutcome({ ...at, ok: false, note: { code: 'index-replay', sequence: 1, seen: 2 } }), 'older-index');
  assert.equal(storedMirrorOutcome({ ...at, ok: false, note: { code: 'index-older', sequence: 1, newest: 2 } }), 'older-index');
  // From another version, or damaged: read as the least it can say.
  assert.equal(storedMirrorOutcome({ ...at, ok: false, outcome: 'vanished' } as never), 'did-not-answer');
  assert.equal(storedMirrorOutcome({ ...at, ok: false, note: { code: 7 } } as never), 'did-not-answer');
  assert.equal(storedMirrorOutcome({ ...at, ok: true, outcome: 'failed-verification' }), 'failed-verification');
});

test('the index comes from its gzipped copy, sent as a file or labelled gzip; a mirror without one is asked for the index, and this session no longer for the copy', async () => {
  const dir = join(work, 'index-copy');
  await buildEdition(await articles(30), [], editionOptions(dir, ARTICLE_BY_ARTICLE));
  const json = await readFile(join(dir, 'pamphlet-index.json'));
  const copy = await readFile(join(dir, 'pamphlet-index.json.gz'));
  assert.deepEqual(gunzipSync(copy), json, 'the copy holds the same bytes');
  assert.ok(copy.length < json.length / 2, `${copy.length} bytes of copy for ${json.length} of index`);

  // As object storage serves it: the gzip bytes as they are, labelled as a file of their own.
  const asFile = await recording(dir, (req, res, serveFile) =>
    req.url === '/pamphlet-index.json.gz' ? void res.writeHead(200, { 'content-type': 'application/gzip' }).end(copy) : serveFile(),
  );
  const fromFile = await syncEdition(source([asFile.url]), memoryStore());
  assert.equal(fromFile.added, 30);
  assert.equal(asFile.asked[0], '/pamphlet-index.json.gz');
  assert.ok(!asFile.asked.includes('/pamphlet-index.json'));

  // Labelled `Content-Encoding: gzip` (sirv does so), which the reader's fetch undoes.
  const labelled = await recording(dir);
  assert.equal((await syncEdition(source([labelled.url]), memoryStore())).added, 30);
  assert.deepEqual(labelled.asked.slice(0, 2), ['/pamphlet-index.json.gz', `/articles/${JSON.parse(json.toString()).articles[0].id}.html`]);

  const older = join(work, 'index-copy-none');
  await cp(dir, older, { recursive: true });
  await rm(join(older, 'pamphlet-index.json.gz'));
  const without = await recording(older);
  const first = await syncEdition(source([without.url]), memoryStore());
  assert.equal(first.added, 30);
  assert.equal(first.mirrorStatus[without.url]?.outcome, 'answered');
  assert.deepEqual(without.asked.slice(0, 2), ['/pamphlet-index.json.gz', '/pamphlet-index.json']);
  without.asked.length = 0;
  await syncEdition(source([without.url]), memoryStore());
  assert.equal(without.asked[0], '/pamphlet-index.json', 'not asked for the copy again');
});

test('a host that answers a missing copy with its home page, or holds a copy older than its index, is read from the index; a forged copy is a forgery', async () => {
  const dir = join(work, 'copy-fallbacks');
  await buildEdition(await articles(2), [], editionOptions(dir, ARTICLE_BY_ARTICLE));
  const homePage = await recording(dir, (req, res, serveFile) =>
    req.url === '/pamphlet-index.json.gz'
      ? void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Welcome')
      : serveFile(),
  );
  const report = await syncEdition(source([homePage.url]), memoryStore());
  assert.equal(report.added, 2);
  assert.equal(report.mirrorStatus[homePage.url]?.outcome, 'answered');
  assert.deepEqual(homePage.asked.slice(0, 2), ['/pamphlet-index.json.gz', '/pamphlet-index.json']);

  // A mirror caught mid-upload: the copy from the run before, the index from this one.
  const staleCopy = await readFile(join(dir, 'pamphlet-index.json.gz'));
  await buildEdition(await articles(1, 2), [], editionOptions(dir, ARTICLE_BY_ARTICLE));
  const { sequence } = JSON.parse(await readFile(join(dir, 'pamphlet-index.json'), 'utf8'));
  const midUpload = await recording(dir, (req, res, serveFile) =>
    req.url === '/pamphlet-index.json.gz' ? void res.writeHead(200, { 'content-type': 'application/gzip' }).end(staleCopy) : serveFile(),
  );
  const current = await syncEdition(source([midUpload.url], sequence), memoryStore());
  assert.equal(current.error, undefined);
  assert.equal(current.sequence, sequence);
  assert.equal(current.added, 3);

  const forged = join(work, 'copy-forged');
  await cp(dir, forged, { recursive: true });
  const index = JSON.parse(await readFile(join(dir, 'pamphlet-index.json'), 'utf8'));
  index.articles[0].title = 'Forged headline';
  await writeFile(join(forged, 'pamphlet-index.json.gz'), gzipSync(JSON.stringify(index)));
  const forging = await serve(forged);
  const refused = await syncEdition(source([forging]), memoryStore());
  assert.equal(refused.error?.code, 'no-valid-index');
  assert.equal(refused.mirrorStatus[forging]?.outcome, 'failed-verification');
});
