/**
 * Builds the app into dist/ (or --out DIR):
 *   0. the translations checked (a message without one in any language fails the build) and
 *      compiled into src/generated/locales/ (scripts/localize.mjs);
 *   1. the page with esbuild: ES2022, minified, code splitting, content-hashed names, source maps;
 *   2. the service worker with esbuild, then workbox-build's injectManifest on that bundle
 *      (injectManifest does not bundle; it only fills in the precache manifest);
 *   3. public/ copied, index.html filled in with the hashed names and the CSP meta element;
 *   4. every output's size printed, raw and gzipped. Any warning fails the build.
 * Flags: --out DIR, --watch (rebuild when an input changes), --serve (with --watch: serve too),
 * --without-demo-publisher (trust no key by default; the built-in sample then shows as
 * "Unknown publisher").
 * PAMPHLET_BUILD_ID labels the build (the e2e suite builds two to test updates).
 */
import { build } from 'esbuild';
import { injectManifest } from 'workbox-build';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CSP_META } from './server/csp.mjs';
import { BUILD_STAMP, buildInputsDigest } from './scripts/build-inputs.mjs';
import { TranslationProblem, localize } from './scripts/localize.mjs';
import { moduleGraph, oneFirstScreenChunk } from './scripts/one-first-screen-chunk.mjs';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

class BuildWarnings extends Error {}

function failOnWarnings(stage, warnings) {
  if (warnings.length === 0) return;
  const text = warnings.map((warning) => (typeof warning === 'string' ? warning : warning.text)).join('\n  ');
  throw new BuildWarnings(`${stage} warned, and warnings fail the build:\n  ${text}`);
}

const PAGE_ENTRY = join(ROOT, 'src/app/main.ts');

async function buildPage(outDir, define) {
  const options = {
    // Paths in the metafile are relative to this, whatever directory the build is run from.
    absWorkingDir: ROOT,
    entryPoints: { main: PAGE_ENTRY },
    outdir: join(outDir, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'media/[name]-[hash]',
    metafile: true,
    legalComments: 'linked',
    define,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  };
  // A first pass, not written, finds the lazy entry points (see scripts/one-first-screen-chunk.mjs).
  const survey = await build({ ...options, write: false, minify: false, sourcemap: false });
  failOnWarnings('esbuild (page)', survey.warnings);
  const { lazy, needlesslyLazy } = moduleGraph(survey.metafile, ROOT, PAGE_ENTRY);
  failOnWarnings('The page (import it statically instead)', needlesslyLazy);
  const result = await build({ ...options, plugins: [oneFirstScreenChunk(lazy, PAGE_ENTRY)] });
  failOnWarnings('esbuild (page)', result.warnings);
  return result.metafile;
}

/**
 * The page's workers (the QR decoder, the search index, the lock's key derivation), built first: the page is told their
 * hashed addresses through `define`, since esbuild does not bundle workers on its own.
 */
async function buildWorker(outDir, define, name, entry) {
  const result = await build({
    entryPoints: { [name]: join(ROOT, entry) },
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    define,
    tsconfig: join(ROOT, 'sw/tsconfig.json'),
    logLevel: 'silent',
  });
  failOnWarnings(`esbuild (${name})`, result.warnings);
  const [script] = Object.keys(result.metafile.outputs).filter((path) => path.endsWith('.js'));
  return relative(outDir, resolve(ROOT, script)).split('\\').join('/');
}

async function buildServiceWorker(outDir, define) {
  const result = await build({
    entryPoints: [join(ROOT, 'sw/sw.ts')],
    outfile: join(outDir, 'sw.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    // Workbox picks its production code paths (no logging) from this.
    define: { ...define, 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(ROOT, 'sw/tsconfig.json'),
    logLevel: 'silent',
  });
  failOnWarnings('esbuild (service worker)', result.warnings);
}

/** The entry script, its statically imported chunks (preloaded to avoid a waterfall) and its CSS. */
function entryFiles(metafile, outDir) {
  const [entryPath, entry] = Object.entries(metafile.outputs).find(
    ([, output]) => output.entryPoint && resolve(ROOT, output.entryPoint) === PAGE_ENTRY,
  );
  // Relative to index.html's folder: the same build works at a domain's root and in any folder.
  const url = (path) => relative(outDir, resolve(ROOT, path)).split('\\').join('/');
  const preloads = entry.imports.filter((item) => item.kind === 'import-statement').map((item) => url(item.path));
  return { script: url(entryPath), preloads, styles: entry.cssBundle ? url(entry.cssBundle) : undefined };
}

/** The tab's icon as a data: URL (scripts/make-icons.mjs says why), from the module discreet mode uses too. */
async function plainTabIcon() {
  const icon = /plain:\s*'(data:image\/png;base64,[A-Za-z0-9+/=]+)'/.exec(
    await readFile(join(ROOT, 'src/discreet/tab-icons.ts'), 'utf8'),
  )?.[1];
  if (!icon) throw new Error('src/discreet/tab-icons.ts holds no plain tab icon: run node scripts/make-icons.mjs');
  return icon;
}

async function writeIndexHtml(outDir, files) {
  const template = await readFile(join(ROOT, 'public/index.html'), 'utf8');
  const head = [
    files.styles && `<link rel="stylesheet" href="${files.styles}">`,
    ...files.preloads.map((href) => `<link rel="modulepreload" href="${href}">`),
    `<script type="module" src="${files.script}"></script>`,
  ]
    .filter(Boolean)
    .join('\n    ');
  const html = template
    .replace('%CSP%', CSP_META)
    .replace('<!-- %ASSETS% -->', head)
    .replace('%TAB_ICON%', await plainTabIcon());
  if (html.includes('%CSP%') || html.includes('%ASSETS%') || html.includes('%TAB_ICON%'))
    throw new Error('public/index.html lost a placeholder');
  await writeFile(join(outDir, 'index.html'), html);
}

/**
 * The bundled reading face (src/app/reading-font.ts) with its licence, from its npm package. The
 * page fetches it only once a reader chooses it; the service worker precaches it so that the
 * choice works offline too.
 */
async function copyReadingFont(outDir) {
  const from = join(ROOT, 'node_modules/@fontsource-variable/atkinson-hyperlegible-next');
  const to = join(outDir, 'fonts');
  await mkdir(to, { recursive: true });
  for (const name of await readdir(join(from, 'files'))) if (name.endsWith('.woff2')) await cp(join(from, 'files', name), join(to, name));
  await cp(join(from, 'LICENSE'), join(to, 'atkinson-hyperlegible-next-LICENSE.txt'));
}

async function precache(outDir) {
  const result = await injectManifest({
    swSrc: join(outDir, 'sw.js'),
    swDest: join(outDir, 'sw.js'),
    globDirectory: outDir,
    globPatterns: [
      'index.html',
      'favicon.ico',
      'assets/**/*.{js,css}',
      'manifest.webmanifest',
      'manifest-discreet.webmanifest',
      'icons/*.png',
      'samples/*',
      'fonts/*.woff2',
    ],
    globIgnores: ['**/*.map', '**/*.LEGAL.txt'],
    // Hashed names change with their content, so Workbox need not add its own revision.
    dontCacheBustURLsMatching: /-[A-Z0-9]{8}\.(js|css)$/,
  });
  failOnWarnings('workbox-build injectManifest', result.warnings);
  return result;
}

async function* outputFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* outputFiles(path);
    else yield path;
  }
}

const COMPRESSIBLE = /\.(html|js|css|json|webmanifest|svg|txt)$/;

/** Precompressed copies that the server sends to browsers that accept them. */
async function compressAndReport(outDir, quiet) {
  const rows = [];
  for await (const path of outputFiles(outDir)) {
    if (path.endsWith('.map') || path.includes(BUILD_STAMP)) continue;
    const bytes = await readFile(path);
    const gzip = gzipSync(bytes, { level: 9 });
    if (COMPRESSIBLE.test(path)) {
      await writeFile(`${path}.gz`, gzip);
      await writeFile(`${path}.br`, brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
    }
    rows.push({ file: relative(outDir, path), raw: bytes.length, gzip: gzip.length });
  }
  rows.sort((a, b) => a.file.localeCompare(b.file));
  const width = Math.max(...rows.map((row) => row.file.length));
  const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
  if (!quiet) for (const row of rows) console.log(`  ${row.file.padEnd(width)}  ${kb(row.raw)}  ${kb(row.gzip)} gzip`);
  return rows;
}

export async function buildApp({ outDir = join(ROOT, 'dist'), quiet = false, demoPublisher = true } = {}) {
  const started = performance.now();
  // First, since it writes sources (src/generated/) that the digest covers.
  await localize();
  const digest = await buildInputsDigest(ROOT, process.env.PAMPHLET_BUILD_ID ?? '');
  const buildId = process.env.PAMPHLET_BUILD_ID ?? digest.slice(0, 10);
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const define = {
    __APP_VERSION__: JSON.stringify(version),
    __BUILD_ID__: JSON.stringify(buildId),
    __INCLUDE_DEMO_PUBLISHER__: String(demoPublisher),
  };

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await cp(join(ROOT, 'public'), outDir, { recursive: true, filter: (source) => !source.endsWith('public/index.html') });
  const workers = {
    __QR_WORKER_URL__: JSON.stringify(await buildWorker(outDir, define, 'qr-decoder-worker', 'src/workers/qr-decoder-worker.ts')),
    __SEARCH_WORKER_URL__: JSON.stringify(await buildWorker(outDir, define, 'search-worker', 'src/workers/search-worker.ts')),
    __KDF_WORKER_URL__: JSON.stringify(await buildWorker(outDir, define, 'kdf-worker', 'src/workers/kdf-worker.ts')),
  };
  const metafile = await buildPage(outDir, { ...define, ...workers });
  await writeIndexHtml(outDir, entryFiles(metafile, outDir));
  await copyReadingFont(outDir);
  await buildServiceWorker(outDir, define);
  const { count, size } = await precache(outDir);
  if (!quiet) console.log(`Pamphlet ${version} (build ${buildId}) in ${relative(process.cwd(), outDir) || '.'}:`);
  const rows = await compressAndReport(outDir, quiet);
  // A build with options differs from the default one, so `npm start` must not take it as current.
  await writeFile(join(outDir, BUILD_STAMP), demoPublisher ? digest : `${digest} without-demo-publisher`);
  if (!quiet) {
    console.log(`  precache: ${count} files, ${(size / 1024).toFixed(1)} KB`);
    console.log(`  built in ${Math.round(performance.now() - started)} ms`);
  }
  return { buildId, rows };
}

async function watch(outDir, serve) {
  let last = '';
  let server;
  for (;;) {
    const digest = await buildInputsDigest(ROOT, process.env.PAMPHLET_BUILD_ID ?? '');
    if (digest !== last) {
      last = digest;
      try {
        await buildApp({ outDir });
      } catch (error) {
        console.error(error instanceof BuildWarnings || error instanceof TranslationProblem ? error.message : error);
      }
      if (serve && !server) {
        const { createAppServer, listen } = await import('./server/server.mjs');
        server = createAppServer(outDir);
        console.log(`Serving ${await listen(server, Number(process.env.PORT ?? 8080))} (rebuilds on change)`);
      }
    }
    await new Promise((done) => setTimeout(done, 400));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      watch: { type: 'boolean' },
      serve: { type: 'boolean' },
      'without-demo-publisher': { type: 'boolean' },
    },
  });
  const outDir = values.out ? resolve(values.out) : join(ROOT, 'dist');
  try {
    if (values.watch) await watch(outDir, values.serve);
    else await buildApp({ outDir, demoPublisher: !values['without-demo-publisher'] });
  } catch (error) {
    console.error(error instanceof BuildWarnings || error instanceof TranslationProblem ? error.message : error);
    process.exit(1);
  }
}
