import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { moduleGraph, oneFirstScreenChunk } from '../scripts/one-first-screen-chunk.mjs';

/**
 * A page whose first screen uses `a` and `b`, with two lazy screens that each share one of them:
 * esbuild alone splits the first screen in two; the plugin keeps it whole.
 */
async function withPage(files: Record<string, string>, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pamphlet-chunks-'));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const PAGE = {
  'main.ts': `import { a } from './a.ts'; import { b } from './b.ts'; console.log(a, b); document.onclick = () => { void import('./lazy-one.ts'); void import('./lazy-two.ts'); };`,
  'a.ts': `export const a = 'a';`,
  'b.ts': `export const b = 'b';`,
  'lazy-one.ts': `import { a } from './a.ts'; console.log('one', a);`,
  'lazy-two.ts': `import { b } from './b.ts'; console.log('two', b);`,
};

async function firstScreenFiles(dir: string, plugins: Parameters<typeof build>[0]['plugins'] = []): Promise<string[]> {
  const result = await build({
    entryPoints: [join(dir, 'main.ts')],
    absWorkingDir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: join(dir, 'out'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
  const [, entry] = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint?.endsWith('main.ts'))!;
  return entry.imports.filter((item) => item.kind === 'import-statement').map((item) => item.path);
}

test('the first screen comes out as one chunk however the lazy screens share it', async () => {
  await withPage(PAGE, async (dir) => {
    assert.equal((await firstScreenFiles(dir)).length, 2, 'without the plugin esbuild splits the first screen by who shares what');
    const survey = await build({
      entryPoints: [join(dir, 'main.ts')],
      absWorkingDir: dir,
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: join(dir, 'out'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const { firstScreen, lazy, needlesslyLazy } = moduleGraph(survey.metafile, dir, join(dir, 'main.ts'));
    assert.deepEqual([...firstScreen].map((path) => path.slice(dir.length + 1)).sort(), ['a.ts', 'b.ts', 'main.ts']);
    assert.deepEqual([...lazy].map((path) => path.slice(dir.length + 1)).sort(), ['lazy-one.ts', 'lazy-two.ts']);
    assert.deepEqual(needlesslyLazy, []);
    assert.equal((await firstScreenFiles(dir, [oneFirstScreenChunk(lazy, join(dir, 'main.ts'))])).length, 1);
  });
});

test('an import() of a module the first screen has already is named, to be made static', async () => {
  await withPage({ ...PAGE, 'lazy-two.ts': `import('./b.ts').then(({ b }) => console.log('two', b));` }, async (dir) => {
    const survey = await build({
      entryPoints: [join(dir, 'main.ts')],
      absWorkingDir: dir,
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: join(dir, 'out'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const { needlesslyLazy } = moduleGraph(survey.metafile, dir, join(dir, 'main.ts'));
    assert.equal(needlesslyLazy.length, 1);
    assert.match(needlesslyLazy[0]!, /lazy-two\.ts loads .*b\.ts with import\(\), but the first screen has it already/);
  });
});
