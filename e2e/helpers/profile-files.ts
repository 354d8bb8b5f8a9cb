import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A word found in a browser profile's own files: which file, and how it was written there. */
export interface Trace {
  file: string;
  word: string;
  encoding: 'utf-8' | 'utf-16le';
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map(async (entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [])));
  return nested.flat();
}

/**
 * Every place in the profile's files (the browser's own: history, sessions, IndexedDB and Local
 * Storage LevelDB files, Cache Storage) where one of `words` is written, byte for byte, as UTF-8
 * or as UTF-16LE (how Chromium keeps two-byte strings). `within` limits the search to files whose
 * path inside the profile matches.
 */
export async function tracesIn(profile: string, words: readonly string[], within: RegExp = /./): Promise<Trace[]> {
  const traces: Trace[] = [];
  for (const file of await filesUnder(profile)) {
    const path = relative(profile, file);
    if (!within.test(path)) continue;
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) continue;
    for (const word of words) {
      if (bytes.includes(Buffer.from(word, 'utf8'))) traces.push({ file: path, word, encoding: 'utf-8' });
      else if (bytes.includes(Buffer.from(word, 'utf16le'))) traces.push({ file: path, word, encoding: 'utf-16le' });
    }
  }
  return traces;
}
