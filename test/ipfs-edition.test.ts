import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CarBlockIterator } from '@ipld/car/iterator';
import * as dagPb from '@ipld/dag-pb';
import { CID } from 'multiformats/cid';
import { buildEdition } from '../src/cli/edition/build-edition.ts';
import { writeEditionCar } from '../src/cli/ipfs/write-edition-car.ts';
import type { Article } from '../src/shared/article.ts';
import type { EditionSource } from '../src/shared/db-schema.ts';
import { forgetGateways, type GatewayAnswer } from '../src/shared/ipfs/read-through-gateways.ts';
import { readFile as readUnixfsFile, resolvePath } from '../src/shared/ipfs/unixfs-file.ts';
import { isBlockOf } from '../src/shared/ipfs/verify-block.ts';
import { englishNote } from '../src/shared/note.ts';
import { generateSigningKey, signArticle, type SigningKey } from '../src/shared/signing.ts';
import { MirrorProblem, readMirror } from '../src/shared/sync/read-mirror.ts';
import { syncEdition } from '../src/shared/sync/sync-edition.ts';
import { TrustlessGateway } from '../e2e/helpers/trustless-gateway.ts';
import { runPamphlet } from './helpers/pamphlet-cli.ts';

let work = '';
let key: SigningKey;
let folder = '';
let car: Uint8Array;
let root: CID;
const gateways: TrustlessGateway[] = [];

async function gateway(behaviour: 'good' | 'altering' | 'silent'): Promise<TrustlessGateway> {
  const started = await TrustlessGateway.start(behaviour);
  await started.addCar(car);
  gateways.push(started);
  return started;
}

async function stories(count: number): Promise<Article[]> {
  return Promise.all(
    Array.from({ length: count }, (_, n) =>
      signArticle(
        {
          guid: `urn:ipfs:${n}`,
          revision: 1,
          title: `Story ${n} from the IPFS desk`,
          publisher: { name: 'Desk' },
          lang: 'en',
          dir: 'ltr',
          published: `2026-01-${String(n + 1).padStart(2, '0')}`,
          content: `<p>Story ${n}. ${'A long paragraph that makes the file span more than one block. '.repeat(n === 0 ? 6000 : 1)}</p>`,
        },
        key,
      ),
    ),
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-ipfs-'));
  key = await generateSigningKey();
  folder = join(work, 'edition');
  await buildEdition(await stories(3), [], {
    dir: folder,
    key,
    name: 'Desk',
    mirrors: [],
    newest: 5,
    expiresInDays: 30,
    warn: () => undefined,
  });
  const written = await writeEditionCar(folder, join(work, 'edition.car'));
  root = written.root;
  car = await readFile(join(work, 'edition.car'));
});

beforeEach(() => forgetGateways());

after(async () => {
  for (const started of gateways) await started.stop();
  await rm(work, { recursive: true, force: true });
});

test('the CAR holds the edition whole: its root lists the folder, and every file reads back byte for byte from blocks that match their CIDs', async () => {
  const blocks = await CarBlockIterator.fromBytes(car);
  assert.deepEqual((await blocks.getRoots()).map(String), [root.toString()]);
  const byCid = new Map<string, Uint8Array>();
  for await (const block of blocks) {
    assert.ok(await isBlockOf(CID.decode(block.cid.bytes), block.bytes), `block ${block.cid.toString()} matches its CID`);
    byCid.set(block.cid.toString(), block.bytes);
  }
  const getBlock = (cid: CID) => Promise.resolve(byCid.get(cid.toString()) ?? assert.fail(`no block ${cid.toString()}`));
  const names = dagPb.decode(byCid.get(root.toString())!).Links.map((link) => link.Name);
  assert.deepEqual(names, ['articles', 'edition.html', 'packs', 'pamphlet-index.json', 'pamphlet-index.json.gz', 'pamphlet-source.json']);
  const files = await filesUnder(folder);
  assert.equal(files.filter((file) => file.startsWith('articles/')).length, 3);
  for (const file of files) {
    const cid = await resolvePath(root, file.split('/'), getBlock);
    assert.deepEqual(await readUnixfsFile(cid, 10 * 1024 * 1024, getBlock), new Uint8Array(await readFile(join(folder, file))), file);
  }
});

test('a file larger than one block is made of several, and still reads back whole', async () => {
  const index = JSON.parse(await readFile(join(folder, 'pamphlet-index.json'), 'utf8')) as { articles: { path: string; size: number }[] };
  const large = index.articles.find((entry) => entry.size > 256 * 1024);
  assert.ok(large, 'the first story spans more than one 256 KiB block');
  const good = await gateway('good');
  const bytes = await readMirror(`ipfs://${root.toString()}/${large.path}`, {
    maxBytes: large.size,
    timeoutMs: 5000,
    gateways: [good.url],
  });
  assert.deepEqual(bytes, new Uint8Array(await readFile(join(folder, large.path))));
  assert.ok(good.asked.length >= 4, `root, articles/, the file's node and its leaves were asked for (${good.asked.length})`);
  assert.ok(
    good.asked.every((url) => url.endsWith('?format=raw')),
    'only raw blocks are asked for',
  );
});

test('pamphlet edition --car writes the CAR and prints its root CID', async () => {
  const dir = await mkdtemp(join(work, 'cli-'));
  assert.equal((await runPamphlet(dir, 'keygen', '--out', 'key.pem')).code, 0);
  const { writeFile } = await import('node:fs/promises');
  const { articlePage, paragraphs } = await import('./helpers/pamphlet-cli.ts');
  await writeFile(join(dir, 'saved.html'), articlePage('A report for the CAR', paragraphs('the CAR')));
  const result = await runPamphlet(dir, 'edition', 'saved.html', '--key', 'key.pem', '--out', 'out', '--name', 'Desk', '--car', 'out.car');
  assert.equal(result.code, 0, result.stderr);
  const printed = /root CID (\S+)/.exec(result.stdout)?.[1];
  assert.ok(printed, result.stdout);
  const blocks = await CarBlockIterator.fromBytes(await readFile(join(dir, 'out.car')));
  assert.deepEqual((await blocks.getRoots()).map(String), [printed]);
  assert.match(result.stdout, new RegExp(`ipfs://${printed}/`));
});

test('pamphlet edition takes an ipns:// mirror, lists it, and refuses an address that is neither web nor IPFS by name', async () => {
  const dir = await mkdtemp(join(work, 'cli-'));
  assert.equal((await runPamphlet(dir, 'keygen', '--out', 'key.pem')).code, 0);
  const { writeFile } = await import('node:fs/promises');
  const { articlePage, paragraphs } = await import('./helpers/pamphlet-cli.ts');
  await writeFile(join(dir, 'saved.html'), articlePage('A report for IPNS', paragraphs('IPNS')));
  const name = 'ipns://k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8/';
  const listed = await runPamphlet(dir, 'edition', 'saved.html', '--key', 'key.pem', '--out', 'out', '--name', 'Desk', '--mirror', name);
  assert.equal(listed.code, 0, listed.stderr);
  const index = JSON.parse(await readFile(join(dir, 'out', 'pamphlet-index.json'), 'utf8')) as { mirrors: string[] };
  assert.deepEqual(index.mirrors, [name]);
  const refused = await runPamphlet(dir, 'edition', 'saved.html', '--key', 'key.pem', '--out', 'out', '--mirror', 'gopher://news.example/');
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /--mirror gopher:\/\/news\.example\/: not a web address \(http:\/\/ or https:\/\/\) nor a folder on IPFS/);
});

test('through a good gateway, the index reads as the file itself', async () => {
  const good = await gateway('good');
  const bytes = await readMirror(`ipfs://${root.toString()}/pamphlet-index.json`, {
    maxBytes: 1 << 20,
    timeoutMs: 5000,
    gateways: [good.url],
  });
  assert.deepEqual(bytes, new Uint8Array(await readFile(join(folder, 'pamphlet-index.json'))));
});

test('a gateway that alters a block is refused by name, and the next gateway in the list is asked', async () => {
  const [altering, good] = [await gateway('altering'), await gateway('good')];
  const address = `ipfs://${root.toString()}/pamphlet-index.json`;
  await assert.rejects(readMirror(address, { maxBytes: 1 << 20, timeoutMs: 5000, gateways: [altering.url] }), (error: unknown) => {
    assert.ok(error instanceof MirrorProblem);
    assert.deepEqual(error.note, { code: 'gateway-altered', gateway: new URL(altering.url).host });
    assert.match(englishNote(error.note), /served altered data/);
    return true;
  });
  forgetGateways();
  const answers: GatewayAnswer[] = [];
  const bytes = await readMirror(address, {
    maxBytes: 1 << 20,
    timeoutMs: 5000,
    gateways: [altering.url, good.url],
    onGateway: (answer) => answers.push(answer),
  });
  assert.deepEqual(bytes, new Uint8Array(await readFile(join(folder, 'pamphlet-index.json'))));
  assert.deepEqual(
    answers.map(({ gateway: asked, outcome }) => [asked, outcome]),
    [
      [altering.url, 'failed-verification'],
      [good.url, 'answered'],
    ],
  );
});

test('a gateway that never answers is given up after the timeout, and one that failed lately is asked last', async () => {
  const [silent, good] = [await gateway('silent'), await gateway('good')];
  const address = `ipfs://${root.toString()}/pamphlet-source.json`;
  const started = Date.now();
  await readMirror(address, { maxBytes: 1 << 20, timeoutMs: 500, gateways: [silent.url, good.url] });
  assert.ok(Date.now() - started >= 500);
  const askedBefore = silent.asked.length;
  await readMirror(`ipfs://${root.toString()}/edition.html`, { maxBytes: 1 << 20, timeoutMs: 500, gateways: [silent.url, good.url] });
  assert.equal(silent.asked.length, askedBefore, 'the silent gateway was not asked again while another answers');
  await assert.rejects(readMirror(address, { maxBytes: 1 << 20, timeoutMs: 300, gateways: [silent.url] }), (error: unknown) => {
    assert.ok(error instanceof MirrorProblem);
    assert.equal(englishNote(error.note), 'no IPFS gateway answered (tried 1; last: it did not answer in time)');
    return true;
  });
});

test('bad addresses, a missing file and an empty gateway list each end in a clear note', async () => {
  const good = await gateway('good');
  const cases: [string, string[], RegExp][] = [
    ['ipfs://not-a-cid/pamphlet-index.json', [good.url], /is not an IPFS address/],
    [`ipfs://${root.toString()}/../secret`, [good.url], /is not an IPFS address/],
    [`ipfs://${root.toString()}/missing.json`, [good.url], /its folder has no missing\.json/],
    [`ipfs://${root.toString()}/articles`, [good.url], /names a folder, not a file/],
    [`ipfs://${root.toString()}/pamphlet-index.json`, [], /no IPFS gateway is listed in Settings/],
  ];
  const before = good.asked.length;
  for (const [address, list, message] of cases) {
    await assert.rejects(readMirror(address, { maxBytes: 1 << 20, timeoutMs: 2000, gateways: list }), (error: unknown) => {
      assert.ok(error instanceof MirrorProblem, address);
      assert.match(englishNote(error.note), message, address);
      return true;
    });
  }
  assert.ok(good.asked.length > before);
  const index = (await readFile(join(folder, 'pamphlet-index.json'))).length;
  await assert.rejects(
    readMirror(`ipfs://${root.toString()}/pamphlet-index.json`, { maxBytes: index - 1, timeoutMs: 2000, gateways: [good.url] }),
    /mirror-too-large|more than/,
  );
});

function source(mirrors: string[]): EditionSource {
  return { kind: 'edition', id: key.publicKey, name: 'Desk', mirrors, addedAt: 0, mirrorStatus: {} };
}

test('a sync follows ipfs://<cid>/ through the good gateway, stores every signed article, and names the gateway that altered data', async () => {
  const [altering, good] = [await gateway('altering'), await gateway('good')];
  const stored = new Map<string, Article>();
  const report = await syncEdition(
    source([`ipfs://${root.toString()}/`]),
    {
      storedRevisions: () => Promise.resolve(new Map()),
      saveArticles: (list) => Promise.resolve(list.forEach((article) => stored.set(article.id, article))),
    },
    { gateways: [altering.url, good.url], timeoutMs: 5000 },
  );
  assert.equal(report.error, undefined, report.error && englishNote(report.error));
  assert.equal(report.complete, true);
  assert.equal(report.added, 3);
  assert.equal(stored.size, 3);
  assert.equal(report.gateways?.[good.url]?.outcome, 'answered');
  assert.equal(report.gateways?.[altering.url]?.outcome, 'failed-verification');
  assert.deepEqual(report.messages.map(englishNote), [
    `The IPFS gateway ${new URL(altering.url).host} served altered data for ${root.toString()}; another gateway was asked.`,
  ]);
});

test('a sync whose every gateway alters data stores nothing and says the mirror failed verification', async () => {
  const altering = await gateway('altering');
  const report = await syncEdition(
    source([`ipfs://${root.toString()}/`]),
    { storedRevisions: () => Promise.resolve(new Map()), saveArticles: () => assert.fail('nothing is stored') },
    { gateways: [altering.url], timeoutMs: 5000 },
  );
  assert.equal(report.added, 0);
  assert.ok(report.error?.code === 'no-valid-index', 'the index failed verification');
  assert.match(englishNote(report.error), /served altered data/);
});

test('the test gateway answers ?format=car with the path’s blocks and the file’s, each matching its CID', async () => {
  const good = await gateway('good');
  const response = await fetch(`${good.url}/ipfs/${root.toString()}/pamphlet-index.json?format=car`);
  assert.equal(response.headers.get('content-type'), 'application/vnd.ipld.car; version=1');
  const blocks = await CarBlockIterator.fromBytes(new Uint8Array(await response.arrayBuffer()));
  const byCid = new Map<string, Uint8Array>();
  for await (const block of blocks) {
    assert.ok(await isBlockOf(CID.decode(block.cid.bytes), block.bytes));
    byCid.set(block.cid.toString(), block.bytes);
  }
  const getBlock = (cid: CID) => Promise.resolve(byCid.get(cid.toString()) ?? assert.fail(`the CAR lacks ${cid.toString()}`));
  const file = await resolvePath(root, ['pamphlet-index.json'], getBlock);
  assert.deepEqual(await readUnixfsFile(file, 1 << 20, getBlock), new Uint8Array(await readFile(join(folder, 'pamphlet-index.json'))));
  assert.equal((await fetch(`${good.url}/ipfs/${root.toString()}/pamphlet-index.json`)).status, 406, 'no deserialized answers');
});
