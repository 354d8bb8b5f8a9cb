/**
 * Puts all the code of the first screen into one chunk.
 *
 * esbuild's code splitting makes a chunk for every set of entry points (the page and each
 * `import()` target) that share modules. The first screen's modules are each shared with a
 * different few of the lazy screens, so they came out as some 35 chunks. Offline, each is one
 * request to the service worker and one read of its cache, one after another: about 100 ms of a
 * cold start of 300. Here every lazy entry point also imports the page's entry module, so all of
 * the first screen's modules are shared by the same set and land in one chunk. That import costs
 * nothing at run time: a lazy module is only ever loaded by the page, which has run already.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The page's static module graph, the modules it loads with `import()`, and the `import()`s of
 * modules that the first screen has already. Those would split the first screen again (each
 * `import()` target is an entry point of its own), and cannot be given the import of the entry
 * without a cycle through the first screen that changes the order its modules run in. `root` is
 * the build's `absWorkingDir`, to which the metafile's paths are relative.
 */
export function moduleGraph(metafile, root, entry) {
  const absolute = (path) => resolve(root, path);
  const inputs = Object.fromEntries(Object.entries(metafile.inputs).map(([path, input]) => [absolute(path), input]));
  const firstScreen = new Set();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const path = pending.pop();
    if (firstScreen.has(path) || !inputs[path]) continue;
    firstScreen.add(path);
    for (const item of inputs[path].imports) if (item.kind === 'import-statement') pending.push(absolute(item.path));
  }
  const lazy = new Set();
  const needlesslyLazy = [];
  for (const [path, input] of Object.entries(inputs)) {
    for (const item of input.imports) {
      if (item.kind !== 'dynamic-import') continue;
      if (firstScreen.has(absolute(item.path)))
        needlesslyLazy.push(`${relative(root, path)} loads ${item.path} with import(), but the first screen has it already`);
      else lazy.add(absolute(item.path));
    }
  }
  return { firstScreen, lazy, needlesslyLazy };
}

const LOADERS = { '.ts': 'ts', '.js': 'js', '.mjs': 'js' };

/** The esbuild plugin: each lazy entry point imports `entry` (at its end, so no line of its source map moves). */
export function oneFirstScreenChunk(lazyEntries, entry) {
  return {
    name: 'one-first-screen-chunk',
    setup(build) {
      build.onLoad({ filter: /\.(ts|js|mjs)$/ }, async (args) => {
        if (!lazyEntries.has(args.path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const loader = LOADERS[args.path.slice(args.path.lastIndexOf('.'))];
        return { contents: `${source}\nimport ${JSON.stringify(resolve(entry))};\n`, loader };
      });
    },
  };
}

/**
 * `node scripts/one-first-screen-chunk.mjs --check` (in `npm run lint`): the same rule as the
 * build's, on the import graph alone, so that it fails in the lint before anyone builds.
 */
async function check() {
  const { build } = await import('esbuild');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const entry = resolve(root, 'src/app/main.ts');
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outdir: resolve(root, '.tsbuild/first-screen'),
    bundle: true,
    splitting: true,
    format: 'esm',
    write: false,
    metafile: true,
    tsconfig: resolve(root, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const { needlesslyLazy } = moduleGraph(metafile, root, entry);
  for (const problem of needlesslyLazy) console.error(`${problem}: import it statically instead`);
  return needlesslyLazy.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv.includes('--check')) {
  process.exitCode = await check();
}
