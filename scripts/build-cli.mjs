// `npm run build:cli`: the publisher's command as plain JavaScript, in its own package
// (packages/pamphlet-publisher), so that a newsroom installs it with its production dependencies
// alone. One file: src/cli, its code over jsdom (src/node-dom) and the code it shares with the app
// (src/shared, src/dom, server/static-files.mjs) bundled in; npm packages stay imports, installed
// from the package's dependencies. The build stops when those dependencies are not exactly what the
// bundle imports, at the ranges the app itself uses, so the package cannot drift from the code or
// the lockfile.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = new URL('../', import.meta.url);
const PACKAGE = new URL('packages/pamphlet-publisher/', ROOT);

/** The npm package an import names: `sharp`, `@mozilla/readability`, `htmlparser2` from `htmlparser2/x`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isBuiltin = (specifier) => specifier.startsWith('node:') || builtinModules.includes(specifier);

const publisher = JSON.parse(await readFile(new URL('package.json', PACKAGE), 'utf8'));
const app = JSON.parse(await readFile(new URL('package.json', ROOT), 'utf8'));
const outfile = fileURLToPath(new URL(publisher.bin.pamphlet, PACKAGE));

const result = await esbuild.build({
  entryPoints: [fileURLToPath(new URL('src/cli/bin.ts', ROOT))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node the package's "engines" allows.
  target: 'node20.19',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  // Not minified, so that a newsroom can read what it runs: each module under its source's name.
  minify: false,
  metafile: true,
  // Written below, once the package's dependencies are found to match.
  write: false,
  logLevel: 'warning',
});
if (result.warnings.length > 0) throw new Error(`build:cli: ${result.warnings.length} warning(s), see above.`);

const imported = new Set();
for (const output of Object.values(result.metafile.outputs)) {
  for (const { path, external } of output.imports) if (external && !isBuiltin(path)) imported.add(packageName(path));
}
const declared = publisher.dependencies ?? {};
const problems = [
  ...[...imported].filter((name) => !(name in declared)).map((name) => `the bundle imports ${name}, which is not a dependency`),
  ...Object.keys(declared)
    .filter((name) => !imported.has(name))
    .map((name) => `${name} is a dependency the bundle does not import`),
  ...Object.entries(declared)
    .filter(([name, range]) => imported.has(name) && app.dependencies[name] !== range)
    .map(([name, range]) => `${name} is ${range} here but ${app.dependencies[name] ?? 'absent'} in the root package.json`),
];
if (problems.length > 0) {
  throw new Error(`build:cli: packages/pamphlet-publisher/package.json disagrees with the bundle:\n  ${problems.join('\n  ')}`);
}
const [bundle] = result.outputFiles;
await mkdir(dirname(outfile), { recursive: true });
await writeFile(outfile, bundle.contents, { mode: 0o755 });
console.log(
  `build:cli: ${publisher.bin.pamphlet} (${Math.round(bundle.contents.length / 1024)} KiB), imports ${[...imported].sort().join(', ')}`,
);
