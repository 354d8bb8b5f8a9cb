import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articlePage, runPamphlet } from './helpers/pamphlet-cli.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { INDEX_FILE, SOURCE_FILE, type SourceDescriptor } from '../src/shared/edition/edition-format.ts';
import { parseSourceDescriptor } from '../src/shared/edition/parse-edition.ts';
import { readerApps } from '../src/shared/edition/reader-apps.ts';
import { fakeReaderBuild } from './helpers/fake-reader-build.ts';

let work = '';
const pamphlet = (...args: string[]) => runPamphlet(work, ...args);
const edition = (out: string, ...args: string[]) =>
  pamphlet('edition', '--allow-private', 'page.html', '--key', 'key.pem', '--out', out, '--name', 'City Desk', ...args);

async function descriptorIn(dir: string): Promise<SourceDescriptor> {
  return parseSourceDescriptor(JSON.parse(await readFile(join(work, dir, SOURCE_FILE), 'utf8')));
}

/** Every name in a folder, its subfolders' too, sorted. */
async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(join(work, dir), { recursive: true })).sort();
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-with-app-'));
  await writeFile(join(work, 'page.html'), articlePage('Council votes on the new budget today'));
  assert.equal((await pamphlet('keygen', '--out', 'key.pem')).code, 0);
  await fakeReaderBuild(join(work, 'dist'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

test('--with-app puts the reader into app/ and lists it on every mirror, after --app, in the signed descriptor every bundle carries', async () => {
  const made = await edition(
    'hosted',
    '--mirror',
    'https://mirror-a.example/news/',
    '--mirror',
    'https://mirror-b.example',
    '--app',
    'https://reader.example/',
    '--with-app',
    'dist',
  );
  assert.equal(made.code, 0, made.stderr);
  assert.deepEqual(await filesIn('hosted/app'), await filesIn('dist'));
  assert.equal(await readFile(join(work, 'hosted/app/sw.js'), 'utf8'), await readFile(join(work, 'dist/sw.js'), 'utf8'));
  const apps = ['https://reader.example/', 'https://mirror-a.example/news/app/', 'https://mirror-b.example/app/'];
  const source = await descriptorIn('hosted');
  // Readers that know only app find the first; the others read apps.
  assert.equal(source.app, apps[0]);
  assert.deepEqual(source.apps, apps);
  assert.match(
    made.stdout,
    /reader app copied into app\/: https:\/\/reader\.example\/, https:\/\/mirror-a\.example\/news\/app\/, https:\/\/mirror-b\.example\/app\//,
  );
  const bundle = await readFile(join(work, 'hosted', 'edition.html'), 'utf8');
  assert.deepEqual(await parseSourceDescriptor((await decodeBundle(bundle)).publishers[0], 'publisher'), source);
  assert.match(
    bundle,
    /<a href="https:\/\/mirror-a\.example\/news\/app\/" rel="noreferrer">Install the reader from mirror-a\.example\/news\/app<\/a>/,
  );
  const verified = await pamphlet('verify', 'hosted');
  assert.equal(verified.code, 0, verified.stdout);
  assert.match(
    verified.stdout,
    /app at https:\/\/reader\.example\/, https:\/\/mirror-a\.example\/news\/app\/, https:\/\/mirror-b\.example\/app\//,
  );
});

test('a second --with-app replaces the copy whole, and later runs keep listing it, for the mirrors of the day', async () => {
  assert.equal(
    (await edition('replaced', '--mirror', 'https://mirror-a.example/', '--app', 'https://reader.example/', '--with-app', 'dist')).code,
    0,
  );
  const next = join(work, 'dist-next');
  await fakeReaderBuild(next, { 'sw.js': 'self.version = 2;\n' });
  await rm(join(next, 'assets', 'old-chunk.js'));
  assert.equal((await edition('replaced', '--with-app', 'dist-next')).code, 0);
  assert.equal(await readFile(join(work, 'replaced/app/sw.js'), 'utf8'), 'self.version = 2;\n');
  // No file of the old build stays to be uploaded, and no temporary folder beside app/.
  assert.deepEqual(await filesIn('replaced/app'), await filesIn('dist-next'));
  assert.deepEqual(
    (await readdir(join(work, 'replaced'))).filter((name) => name.startsWith('.')),
    [],
  );
  assert.deepEqual(readerApps(await descriptorIn('replaced')), ['https://reader.example/', 'https://mirror-a.example/app/']);

  // Mirrors rotated, without --with-app or --app: the reader is still in app/, so the new mirror
  // serves it; the dropped mirror's address goes; the address given with --app stays.
  assert.equal((await edition('replaced', '--mirror', 'https://mirror-c.example/news/')).code, 0);
  assert.deepEqual(readerApps(await descriptorIn('replaced')), ['https://reader.example/', 'https://mirror-c.example/news/app/']);
  // A new --app list replaces the old one; removing app/ stops the mirrors' addresses.
  await rm(join(work, 'replaced/app'), { recursive: true });
  assert.equal((await edition('replaced', '--app', 'https://one.example/', '--app', 'https://two.example/r/')).code, 0);
  const source = await descriptorIn('replaced');
  assert.equal(source.app, 'https://one.example/');
  assert.deepEqual(source.apps, ['https://one.example/', 'https://two.example/r/']);
  assert.equal((await pamphlet('verify', 'replaced')).code, 0);
});

test('a folder that is not a reader built to work in any folder is refused, naming the problem, before anything is written', async () => {
  const cases: Array<[string, (dir: string) => Promise<void>, RegExp]> = [
    ['missing', async (dir) => rm(dir, { recursive: true }), /no such folder/],
    ['no-sw', async (dir) => rm(join(dir, 'sw.js')), /holds no sw\.js, so it is not a built reader app/],
    ['no-index', async (dir) => rm(join(dir, 'index.html')), /holds no index\.html/],
    ['no-manifest-link', async (dir) => writeFile(join(dir, 'index.html'), '<!doctype html><title>x</title>'), /names no web app manifest/],
    [
      'no-manifest-file',
      async (dir) => rm(join(dir, 'manifest.webmanifest')),
      /the manifest its index\.html names, manifest\.webmanifest, is not a file/,
    ],
    [
      'rooted-page',
      async (dir) =>
        writeFile(
          join(dir, 'index.html'),
          '<!doctype html><link rel="manifest" href="/manifest.webmanifest"><script src="/assets/app.js"></script>',
        ),
      /loads \/manifest\.webmanifest from the root of the host, so it works only at a host's root/,
    ],
    [
      'rooted-manifest',
      async (dir) => writeFile(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Pamphlet', start_url: '/', scope: '/' })),
      /its manifest manifest\.webmanifest names \/ from the root of the host/,
    ],
    [
      'bad-manifest',
      async (dir) => writeFile(join(dir, 'manifest.webmanifest'), '{ not json'),
      /its manifest manifest\.webmanifest is not valid JSON/,
    ],
  ];
  const before = await readFile(join(work, 'hosted', INDEX_FILE), 'utf8');
  await Promise.all(
    cases.map(async ([name, spoil, pattern]) => {
      const dir = join(work, `bad-${name}`);
      await fakeReaderBuild(dir);
      await spoil(dir);
      const fresh = await edition(`never-${name}`, '--mirror', 'https://mirror-a.example/', '--with-app', `bad-${name}`);
      assert.equal(fresh.code, 2, name);
      assert.match(fresh.stderr, pattern, name);
      assert.equal(await stat(join(work, `never-${name}`)).catch(() => undefined), undefined, `${name}: no folder made`);
      const existing = await edition('hosted', '--with-app', `bad-${name}`);
      assert.equal(existing.code, 2, name);
    }),
  );
  assert.equal(await readFile(join(work, 'hosted', INDEX_FILE), 'utf8'), before);
  assert.deepEqual(await filesIn('hosted/app'), await filesIn('dist'));
});

test('--with-app without a mirror copies the reader and says that no mirror is listed to serve it', async () => {
  await mkdir(join(work, 'lonely'));
  const made = await edition('lonely', '--with-app', 'dist');
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stderr, /lists no mirror to serve it from: add --mirror URL/);
  assert.equal(readerApps(await descriptorIn('lonely')).length, 0);
});
