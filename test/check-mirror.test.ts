import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { articlePage, listenOnLoopback, runPamphlet } from './helpers/pamphlet-cli.ts';
import { fakeReaderBuild } from './helpers/fake-reader-build.ts';
import { gzipSync } from 'node:zlib';
import { INDEX_COPY_FILE, INDEX_FILE } from '../src/shared/edition/edition-format.ts';

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.webmanifest': 'application/manifest+json',
};

/** How a mirror falls short: no CORS header, other content types, files it does not have. */
interface Faults {
  cors?: false;
  types?: Record<string, string>;
  missing?: string[];
}

/** A static host for one folder, on loopback, as a mirror would serve it, but for `faults`. */
class TestMirror {
  dir = '';
  url = '';
  private readonly server: Server;

  constructor(readonly faults: Faults = {}) {
    this.server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://mirror').pathname)).replace(/\/$/, '/index.html');
      void (async () => {
        const file = join(this.dir, path);
        const found = !this.faults.missing?.includes(path) && (await stat(file).catch(() => undefined))?.isFile();
        if (this.faults.cors !== false) res.setHeader('Access-Control-Allow-Origin', '*');
        if (!found) {
          res.statusCode = 404;
          res.end('Not found');
          return;
        }
        res.setHeader('Content-Type', this.faults.types?.[extname(path)] ?? TYPES[extname(path)] ?? 'application/octet-stream');
        res.end(await readFile(file));
      })();
    });
  }

  async start(): Promise<void> {
    this.url = `${await listenOnLoopback(this.server)}/news/`;
  }

  stop(): void {
    this.server.close();
    this.server.closeAllConnections();
  }
}

let work = '';
const mirrors = {
  good: new TestMirror(),
  noCors: new TestMirror({ cors: false }),
  wrongType: new TestMirror({ types: { '.json': 'text/plain' } }),
  tampered: new TestMirror(),
  noServiceWorker: new TestMirror({ missing: ['/news/app/sw.js'] }),
  serviceWorkerAsText: new TestMirror({ types: { '.js': 'text/plain' } }),
  alteredArticle: new TestMirror(),
  noIndexCopy: new TestMirror({ missing: ['/news/pamphlet-index.json.gz'] }),
  staleIndexCopy: new TestMirror(),
};
const checkMirror = (url: string, ...args: string[]) => runPamphlet(work, 'check-mirror', url, ...args);

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-check-mirror-'));
  for (const mirror of Object.values(mirrors)) await mirror.start();
  await writeFile(join(work, 'page.html'), articlePage('Council votes on the new budget today'));
  await fakeReaderBuild(join(work, 'dist'));
  assert.equal((await runPamphlet(work, 'keygen', '--out', 'key.pem')).code, 0);
  const made = await runPamphlet(
    work,
    'edition',
    '--allow-private',
    'page.html',
    '--key',
    'key.pem',
    '--out',
    'edition',
    '--name',
    'City Desk',
    ...Object.values(mirrors).flatMap((mirror) => ['--mirror', mirror.url]),
    '--with-app',
    'dist',
  );
  assert.equal(made.code, 0, made.stderr);
  // The mirror paths are /news/…: each serves the folder at its root under /news.
  for (const mirror of Object.values(mirrors)) mirror.dir = join(work, 'served');
  await cp(join(work, 'edition'), join(work, 'served', 'news'), { recursive: true });
  mirrors.tampered.dir = join(work, 'tampered');
  await cp(join(work, 'edition'), join(work, 'tampered', 'news'), { recursive: true });
  const index = JSON.parse(await readFile(join(work, 'tampered', 'news', INDEX_FILE), 'utf8')) as { expires: string };
  index.expires = '2099-01-01T00:00:00.000Z';
  await writeFile(join(work, 'tampered', 'news', INDEX_FILE), JSON.stringify(index));
  await writeFile(join(work, 'tampered', 'news', INDEX_COPY_FILE), gzipSync(JSON.stringify(index)));
  // The copy from an earlier run: the index of the edition before.
  mirrors.staleIndexCopy.dir = join(work, 'stale-copy');
  await cp(join(work, 'edition'), join(work, 'stale-copy', 'news'), { recursive: true });
  const current = JSON.parse(await readFile(join(work, 'edition', INDEX_FILE), 'utf8')) as { sequence: number };
  await writeFile(
    join(work, 'stale-copy', 'news', INDEX_COPY_FILE),
    gzipSync(JSON.stringify({ ...current, sequence: current.sequence - 1 })),
  );
  // One word of the article changed on this mirror, the index untouched.
  mirrors.alteredArticle.dir = join(work, 'altered');
  await cp(join(work, 'edition'), join(work, 'altered', 'news'), { recursive: true });
  const [article] = await readdir(join(work, 'altered', 'news', 'articles'));
  const articlePath = join(work, 'altered', 'news', 'articles', article!);
  await writeFile(articlePath, (await readFile(articlePath, 'utf8')).replace('Council votes', 'Council vetoes'));
});

after(async () => {
  for (const mirror of Object.values(mirrors)) mirror.stop();
  await rm(work, { recursive: true, force: true });
});

function problems(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith('problem: '));
}

test('a mirror that serves the edition and the reader as readers need passes, with exit code 0', async () => {
  const result = await checkMirror(mirrors.good.url);
  assert.equal(result.code, 0, result.stdout);
  assert.deepEqual(problems(result.stdout), []);
  assert.match(
    result.stdout,
    /: no problems: it serves what readers need\. Checked the signed index \(edition \d+ of City Desk, 1 article\)/,
  );
  assert.match(result.stdout, new RegExp(`the reader app at ${mirrors.good.url}app/\\.\\n$`));
  // The address of a file of the edition is taken for its folder's.
  assert.equal((await checkMirror(`${mirrors.good.url}${INDEX_FILE}`)).code, 0);
});

test('a mirror without Access-Control-Allow-Origin fails, one line for each file readers read from another site', async () => {
  const result = await checkMirror(mirrors.noCors.url);
  assert.equal(result.code, 1);
  const lines = problems(result.stdout);
  assert.equal(lines.length, 4, result.stdout);
  assert.match(
    lines[0]!,
    new RegExp(
      `^problem: ${mirrors.noCors.url}pamphlet-index\\.json: sends no Access-Control-Allow-Origin header, so readers' apps on other sites cannot read it\\. Send "Access-Control-Allow-Origin: \\*"`,
    ),
  );
  assert.ok(lines.some((line) => line.includes('pamphlet-source.json: sends no Access-Control-Allow-Origin')));
  assert.ok(lines.some((line) => /articles\/[0-9a-f]{64}\.html: sends no Access-Control-Allow-Origin/.test(line)));
  // The index's copy too; without it readers fall back on the index, so it is a warning.
  assert.ok(result.stdout.includes(`warning: ${mirrors.noCors.url}pamphlet-index.json.gz: cannot be read by readers' apps on other sites`));
  assert.match(result.stdout, /: 4 problems, 1 warning: readers will not get everything they need from it\./);
});

test("a mirror without the index's gzipped copy gets a warning; one whose copy is of another edition, a problem", async () => {
  const without = await checkMirror(mirrors.noIndexCopy.url);
  assert.equal(without.code, 0, without.stdout);
  assert.ok(
    without.stdout.includes(
      `warning: ${mirrors.noIndexCopy.url}pamphlet-index.json.gz: answered HTTP 404, so readers ask for pamphlet-index.json next`,
    ),
    without.stdout,
  );
  const stale = await checkMirror(mirrors.staleIndexCopy.url);
  assert.equal(stale.code, 1);
  const { sequence } = JSON.parse(await readFile(join(work, 'edition', INDEX_FILE), 'utf8')) as { sequence: number };
  assert.deepEqual(problems(stale.stdout), [
    `problem: ${mirrors.staleIndexCopy.url}pamphlet-index.json.gz: holds edition ${sequence - 1}, not the index's ${sequence}: readers read the copy first, and would take that one. Upload the whole edition folder, pamphlet-index.json.gz and pamphlet-index.json last.`,
  ]);
});

test('a mirror that serves JSON as text says which file and what type to serve it as', async () => {
  const result = await checkMirror(mirrors.wrongType.url);
  assert.equal(result.code, 1);
  assert.deepEqual(problems(result.stdout), [
    `problem: ${mirrors.wrongType.url}pamphlet-index.json: is served as "text/plain", not application/json. Serve .json files as application/json (in the host's MIME types or the upload's content type).`,
    `problem: ${mirrors.wrongType.url}pamphlet-source.json: is served as "text/plain", not application/json. Serve .json files as application/json (in the host's MIME types or the upload's content type).`,
  ]);
});

test('an index changed after it was signed fails the signature check readers make', async () => {
  const result = await checkMirror(mirrors.tampered.url);
  assert.equal(result.code, 1);
  const lines = problems(result.stdout);
  assert.deepEqual(lines, [
    `problem: ${mirrors.tampered.url}pamphlet-index.json: The edition index does not verify: its signature does not match its content. Upload the folder again as pamphlet edition wrote it (pamphlet verify DIR checks it before upload).`,
  ]);
});

test('a mirror whose reader lacks its service worker says so, and what to upload', async () => {
  const result = await checkMirror(mirrors.noServiceWorker.url, '--articles', '0');
  assert.equal(result.code, 1);
  assert.deepEqual(problems(result.stdout), [
    `problem: ${mirrors.noServiceWorker.url}app/sw.js: answered HTTP 404. Upload the edition folder's app/ whole (pamphlet edition --with-app DIR puts the reader there). Without its service worker the reader neither installs nor works offline.`,
  ]);
  assert.match(result.stdout, /edition\.html and 0 of 1 article files/);
});

test('a reader whose service worker is served as text says so: browsers refuse to run it', async () => {
  const result = await checkMirror(mirrors.serviceWorkerAsText.url, '--articles', '0');
  assert.equal(result.code, 1);
  const lines = problems(result.stdout);
  assert.equal(lines.length, 1, result.stdout);
  assert.match(
    lines[0]!,
    new RegExp(`^problem: ${mirrors.serviceWorkerAsText.url}app/sw\\.js: is served as "text/plain", not text/javascript`),
  );
});

test('an article changed on the mirror after the index was signed fails the hash check readers make', async () => {
  const result = await checkMirror(mirrors.alteredArticle.url);
  assert.equal(result.code, 1);
  const lines = problems(result.stdout);
  assert.equal(lines.length, 1, result.stdout);
  assert.match(
    lines[0]!,
    new RegExp(
      `^problem: ${mirrors.alteredArticle.url}articles/[0-9a-f]{64}\\.html: does not match the size and hash the signed index gives`,
    ),
  );
});

test('an address that is not a web address, or none, is a usage error', async () => {
  assert.equal((await checkMirror('ftp://mirror.example/')).code, 2);
  assert.equal((await runPamphlet(work, 'check-mirror')).code, 2);
  const help = await runPamphlet(work, 'check-mirror', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: pamphlet check-mirror URL/);
});
