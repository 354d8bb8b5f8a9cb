import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Everything a build reads: if none of it changed, `dist/` is current. */
const INPUTS = [
  'src',
  'sw',
  'public',
  'locales',
  'lit-localize.json',
  'tsconfig.base.json',
  'build.mjs',
  'scripts/one-first-screen-chunk.mjs',
  'server/csp.mjs',
  'package-lock.json',
  'tsconfig.json',
];

async function* filesUnder(path) {
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOTDIR') {
      yield path;
      return;
    }
    if (error.code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) yield* filesUnder(child);
    else yield child;
  }
}

/** A digest of the build's inputs' paths and contents (not their times, which a checkout resets). */
export async function buildInputsDigest(root, extra = '') {
  const hash = createHash('sha256').update(extra);
  for (const input of INPUTS) {
    for await (const file of filesUnder(join(root, input))) {
      hash
        .update(relative(root, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

export const BUILD_STAMP = '.build-stamp';
