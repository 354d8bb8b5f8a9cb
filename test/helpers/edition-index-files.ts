import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { INDEX_COPY_FILE, INDEX_FILE } from '../../src/shared/edition/edition-format.ts';

/**
 * Writes an edition folder's index as a hostile or careless mirror would serve it: both the index
 * and its gzipped copy, which readers ask for first, hold `index` (a mirror that alters one alters both).
 */
export async function writeIndexFiles(dir: string, index: unknown): Promise<void> {
  const text = typeof index === 'string' ? index : JSON.stringify(index);
  await writeFile(join(dir, INDEX_FILE), text);
  await writeFile(join(dir, INDEX_COPY_FILE), gzipSync(text));
}

/** Whether a request is for the index or its copy. */
export function asksForIndex(url: string | undefined): boolean {
  return url === `/${INDEX_FILE}` || url === `/${INDEX_COPY_FILE}`;
}
