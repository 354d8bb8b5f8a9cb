import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { articlePage, testPicture } from './helpers/pamphlet-cli.ts';
import { decodeBundle } from '../src/shared/bundle/decode-bundle.ts';
import { INDEX_FILE } from '../src/shared/edition/edition-format.ts';
import { parseEditionIndex } from '../src/shared/edition/parse-edition.ts';
import { checkSignature } from '../src/shared/signing.ts';

/**
 * The publisher's command as a newsroom gets it: the package built and packed, its tarball
 * installed with production dependencies only into a folder that holds nothing else, and run
 * through npx, with nothing from this repository on the way (no tsx, no sources).
 */

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PACKAGE = join(ROOT, 'packages', 'pamphlet-publisher');

let scratch = '';
let newsroom = '';
let packed: { filename: string; files: { path: string }[] };

/**
 * The installed command, run as its bin link (its shebang and mode, as npm set them up); `npx
 * pamphlet` finds the same link, which the --help test checks once, without npm's start-up each time.
 * Rejects with the output when it exits non-zero.
 */
async function pamphlet(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(join(newsroom, 'node_modules', '.bin', 'pamphlet'), args, { cwd: newsroom, env: { ...process.env, CI: '1' } });
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'pamphlet-package-'));
  newsroom = join(scratch, 'newsroom');
  await mkdir(newsroom);
  await run(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });
  // The build has just run; prepack would run it again and print into npm's JSON.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: PACKAGE });
  [packed] = JSON.parse(stdout) as [typeof packed];
  // A folder of its own, so that npm installs here and not into a project further up.
  await writeFile(join(newsroom, 'package.json'), '{ "private": true }\n');
  // --engine-strict: a dependency that does not support this Node fails the install (a warning otherwise).
  await run(
    'npm',
    ['install', '--omit=dev', '--engine-strict', '--prefer-offline', '--no-audit', '--no-fund', join(scratch, packed.filename)],
    { cwd: newsroom },
  );
});

after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

test('the tarball holds the built command and its manifest, and installs without the app toolchain', async () => {
  assert.deepEqual(packed.files.map((file) => file.path).sort(), ['README.md', 'dist/pamphlet.mjs', 'package.json']);
  await access(join(newsroom, 'node_modules', 'jsdom'));
  await access(join(newsroom, 'node_modules', 'sharp'));
  for (const tool of ['tsx', 'esbuild', 'typescript', 'playwright', 'lighthouse', 'lit']) {
    await assert.rejects(access(join(newsroom, 'node_modules', tool)), `${tool} installed`);
  }
});

test('npx pamphlet --help lists the commands', async () => {
  const { stdout } = await run('npx', ['--no', '--', 'pamphlet', '--help'], { cwd: newsroom });
  assert.match(stdout, /^Usage: pamphlet COMMAND/);
  for (const command of ['keygen', 'pack', 'edition', 'verify', 'serve']) assert.match(stdout, new RegExp(`^ {2}${command} `, 'm'));
});

test('keygen, pack and edition work from the installed package, and what they sign verifies with the app’s decoder', async () => {
  const keygen = await pamphlet('keygen', '--out', 'newsroom.pem');
  const publicKey = /public key: {2}([A-Za-z0-9_-]{43})\n/.exec(keygen.stdout)?.[1] ?? '';
  assert.notEqual(publicKey, '', keygen.stdout);
  assert.equal((await stat(join(newsroom, 'newsroom.pem'))).mode & 0o777, 0o600);

  await mkdir(join(newsroom, 'report_files'));
  await writeFile(join(newsroom, 'report_files', 'photo.png'), await testPicture(90));
  await writeFile(
    join(newsroom, 'report.html'),
    articlePage('Report from the installed package', '<figure><img src="report_files/photo.png" alt="Photo"></figure>'),
  );

  await pamphlet('pack', 'report.html', '--key', 'newsroom.pem', '--out', 'bundle.html');
  const { articles, images } = await decodeBundle(await readFile(join(newsroom, 'bundle.html'), 'utf8'));
  assert.equal(articles.length, 1);
  assert.equal(articles[0]!.title, 'Report from the installed package');
  assert.deepEqual(await checkSignature(articles[0]!), { status: 'signed', key: publicKey });
  // sharp, the one native dependency, ran: the picture came back downscaled as WebP.
  assert.deepEqual(
    images.map((image) => image.type),
    ['image/webp'],
  );

  await pamphlet('edition', 'report.html', '--key', 'newsroom.pem', '--out', 'edition', '--name', 'Package Desk');
  // With the key pinned, parseEditionIndex throws unless the index is signed by it.
  const index = await parseEditionIndex(JSON.parse(await readFile(join(newsroom, 'edition', INDEX_FILE), 'utf8')), publicKey);
  assert.equal(index.publisher.name, 'Package Desk');
  assert.equal(index.articles.length, 1);
  const [entry] = index.articles;
  const [stored] = (await decodeBundle(await readFile(join(newsroom, 'edition', entry!.path), 'utf8'))).articles;
  assert.equal(stored!.id, entry!.id);
  assert.deepEqual(await checkSignature(stored!), { status: 'signed', key: publicKey });
});
