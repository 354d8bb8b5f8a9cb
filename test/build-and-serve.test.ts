import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { buildApp } from '../build.mjs';
import { CSP_HEADER, CSP_META } from '../server/csp.mjs';
import { targetLocales } from '../src/browser/l10n/locale-codes.ts';
import { createAppServer, listen } from '../server/server.mjs';

let outDir = '';
let server: Server;
let url = '';

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'pamphlet-build-'));
  await buildApp({ outDir, quiet: true });
  server = createAppServer(outDir);
  url = await listen(server, 0);
});

after(async () => {
  server.close();
  await rm(outDir, { recursive: true, force: true });
});

test('the build writes hashed, minified, source-mapped assets and an index.html that loads them', async () => {
  const assets = await readdir(join(outDir, 'assets'));
  const main = assets.find((name) => /^main-[A-Z0-9]{8}\.js$/.test(name));
  assert.ok(main, `no hashed main script among ${assets.join(', ')}`);
  assert.ok(assets.includes(`${main}.map`));
  assert.ok(assets.some((name) => /^main-[A-Z0-9]{8}\.css$/.test(name)));
  const chunks = await readdir(join(outDir, 'assets/chunks'));
  assert.ok(
    chunks.some((name) => /^pamphlet-reader-[A-Z0-9]{8}\.js$/.test(name)),
    'the reader is split into its own chunk',
  );
  const index = await readFile(join(outDir, 'index.html'), 'utf8');
  // Relative to its folder: the same build serves at a domain's root and in any folder.
  assert.ok(index.includes(`<script type="module" src="assets/${main}"></script>`));
  assert.ok(index.includes(`<meta http-equiv="Content-Security-Policy" content="${CSP_META}">`));
  assert.doesNotMatch(index, /%CSP%|%ASSETS%/);
  const script = await readFile(join(outDir, 'assets', main), 'utf8');
  // Minified: no doc comments, no source indentation, and a link to its source map.
  assert.doesNotMatch(script, /\/\*\*|^\s+(const|let|import) /m);
  assert.match(script, /\/\/# sourceMappingURL=main-[A-Z0-9]{8}\.js\.map\s*$/);
});

test('the first screen loads as one chunk, one request to the service worker instead of dozens', async () => {
  const index = await readFile(join(outDir, 'index.html'), 'utf8');
  const preloads = [...index.matchAll(/<link rel="modulepreload" href="assets\/(chunks\/chunk-[A-Z0-9]{8}\.js)">/g)].map(
    (match) => match[1],
  );
  assert.equal(preloads.length, 1, `index.html preloads ${preloads.join(', ')}`);
  const main = (await readdir(join(outDir, 'assets'))).find((name) => /^main-[A-Z0-9]{8}\.js$/.test(name))!;
  const mainImports = [...(await readFile(join(outDir, 'assets', main), 'utf8')).matchAll(/import ?"\.\/(chunks\/[^"]+)"/g)].map(
    (match) => match[1],
  );
  assert.deepEqual(mainImports, preloads);
  // A lazy screen builds on that chunk rather than on pieces of its own.
  const chunks = await readdir(join(outDir, 'assets/chunks'));
  const reader = chunks.find((name) => /^pamphlet-reader-[A-Z0-9]{8}\.js$/.test(name))!;
  assert.ok((await readFile(join(outDir, 'assets/chunks', reader), 'utf8')).includes(preloads[0]!.slice('chunks/'.length)));
});

test('the service worker precaches the shell, the samples and the icons, not source maps', async () => {
  const sw = await readFile(join(outDir, 'sw.js'), 'utf8');
  assert.doesNotMatch(sw, /self\.__WB_MANIFEST/);
  for (const expected of ['index.html', 'manifest.webmanifest', 'icons/icon-512.png', 'samples/index.json', 'favicon.ico']) {
    assert.ok(sw.includes(`"${expected}"`) || sw.includes(`url:"${expected}"`), `${expected} is not precached`);
  }
  assert.doesNotMatch(sw, /\.map"/);
  assert.doesNotMatch(sw, /workbox-cdn|storage\.googleapis/);
});

test('each translation is a chunk of its own, out of the first screen but precached, so every language works offline', async () => {
  const sw = await readFile(join(outDir, 'sw.js'), 'utf8');
  const index = await readFile(join(outDir, 'index.html'), 'utf8');
  const chunks = await readdir(join(outDir, 'assets/chunks'));
  for (const locale of targetLocales) {
    const chunk = chunks.find((name) => new RegExp(`^${locale}-[A-Z0-9]{8}\\.js$`).test(name));
    assert.ok(chunk, `no chunk for ${locale} among ${chunks.join(', ')}`);
    assert.ok(sw.includes(`assets/chunks/${chunk}`), `${chunk} is not precached`);
    assert.ok(!index.includes(chunk), `${chunk} is loaded on the first screen`);
  }
});

test('the meta policy is the header policy without what a meta element cannot carry', () => {
  assert.match(CSP_HEADER, /frame-ancestors 'none'/);
  assert.doesNotMatch(CSP_META, /frame-ancestors/);
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
  ]) {
    assert.ok(CSP_META.includes(directive), directive);
    assert.ok(CSP_HEADER.includes(directive), directive);
  }
});

test('the policy is exactly this one: any loosening, or a new directive, has to change this test too', () => {
  const expected = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    // Sync reaches mirrors and feeds that the reader chooses at run time (docs/threat-model.md).
    "connect-src 'self' https: http:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types pamphlet lit-html',
  ];
  assert.deepEqual(CSP_HEADER.split('; '), expected);
  assert.deepEqual(
    CSP_META.split('; '),
    expected.filter((directive) => !directive.startsWith('frame-ancestors')),
  );
});

test('script may compile WebAssembly (the lock’s Argon2id) and nothing else: no eval, no inline script', () => {
  for (const policy of [CSP_HEADER, CSP_META]) assert.match(policy, /(^|; )script-src 'self' 'wasm-unsafe-eval'(;|$)/);
});

test('the server sends each kind of file with the headers a PWA needs', async () => {
  const index = await fetch(`${url}/`);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-security-policy'), CSP_HEADER);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.equal((await fetch(`${url}/sw.js`)).headers.get('cache-control'), 'no-cache');
  const manifest = await fetch(`${url}/manifest.webmanifest`);
  assert.match(manifest.headers.get('content-type') ?? '', /^application\/manifest\+json/);
  const main = /src="(assets\/main-[A-Z0-9]{8}\.js)"/.exec(await index.text())?.[1];
  const script = await fetch(`${url}/${main}`, { headers: { 'accept-encoding': 'br' } });
  assert.match(script.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
  assert.match(script.headers.get('content-type') ?? '', /javascript/);
  assert.equal(script.headers.get('content-encoding'), 'br');

  // A screen's address from before screens moved into the query goes where that screen is now.
  const oldAddress = await fetch(`${url}/read/${'a'.repeat(64)}`, { redirect: 'manual' });
  assert.equal(oldAddress.status, 301);
  assert.equal(oldAddress.headers.get('location'), `/?read=${'a'.repeat(64)}`);
  assert.equal((await fetch(`${url}/settings`, { redirect: 'manual' })).headers.get('location'), '/?screen=settings');
  assert.equal((await fetch(`${url}/no/such/page`)).status, 404);
  assert.equal((await fetch(`${url}/assets/chunks/gone-ABCDEFGH.js`)).status, 404);
});

test('the demo publisher key is trusted by default, and --without-demo-publisher leaves it out', async () => {
  const { DEMO_PUBLISHER } = await import('../src/shared/demo-publisher.ts');
  const assetsText = async (dir: string) => {
    const names = await readdir(join(dir, 'assets'), { recursive: true });
    const texts = await Promise.all(
      names.filter((name) => name.endsWith('.js')).map((name) => readFile(join(dir, 'assets', name), 'utf8')),
    );
    return texts.join('\n');
  };
  assert.ok((await assetsText(outDir)).includes(DEMO_PUBLISHER.key));
  const without = await mkdtemp(join(tmpdir(), 'pamphlet-build-'));
  try {
    await buildApp({ outDir: without, quiet: true, demoPublisher: false });
    assert.ok(!(await assetsText(without)).includes(DEMO_PUBLISHER.key));
  } finally {
    await rm(without, { recursive: true, force: true });
  }
});
