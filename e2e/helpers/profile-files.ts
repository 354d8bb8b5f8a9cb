import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { readableBytes } from './leveldb-files.ts';

/** A word found in a browser profile's own files: which file, and how it was written there. */
export interface Trace {
  file: string;
  /** The word, or bytes searched for, in hex. */
  word: string;
  encoding: 'utf-8' | 'utf-16le' | 'bytes';
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map(async (entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [])),
  );
  return nested.flat();
}

/**
 * Every place in the profile's files (the browser's own: history, sessions, IndexedDB and Local
 * Storage LevelDB files, Cache Storage) where one of `words` is written, as UTF-8 or as UTF-16LE
 * (how Chromium keeps two-byte strings), or, given bytes, as they are; LevelDB's files are read as their data reads
 * (leveldb-files.ts), so that neither a log block's header nor a table's compression hides a word. `within` limits the search to files whose
 * path inside the profile matches.
 */
export async function tracesIn(profile: string, words: ReadonlyArray<string | Uint8Array>, within: RegExp = /./): Promise<Trace[]> {
  const traces: Trace[] = [];
  for (const file of await filesUnder(profile)) {
    const path = relative(profile, file);
    if (!within.test(path)) continue;
    const raw = await readFile(file).catch(() => undefined);
    if (!raw) continue;
    const bytes = readableBytes(basename(file), raw);
    for (const word of words) {
      if (word instanceof Uint8Array) {
        if (bytes.includes(Buffer.from(word))) traces.push({ file: path, word: Buffer.from(word).toString('hex'), encoding: 'bytes' });
        continue;
      }
      if (bytes.includes(Buffer.from(word, 'utf8'))) traces.push({ file: path, word, encoding: 'utf-8' });
      else if (bytes.includes(Buffer.from(word, 'utf16le'))) traces.push({ file: path, word, encoding: 'utf-16le' });
    }
  }
  return traces;
}
