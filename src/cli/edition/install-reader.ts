import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { READER_FOLDER } from '../../shared/edition/edition-format.ts';
import { CliError } from '../cli-error.ts';
import type { ReaderBuild } from './check-reader-build.ts';

/** The copy being made, and the copy being replaced, beside the edition's `app/` folder. */
const PART = new RegExp(`^\\.${READER_FOLDER}-[0-9a-f]{12}\\.(tmp|old)$`);

/** Whether the edition folder holds a reader app (put there by an earlier run, or this one). */
export async function holdsReader(editionDir: string): Promise<boolean> {
  return (await stat(join(editionDir, READER_FOLDER, 'index.html')).catch(() => undefined))?.isFile() ?? false;
}

/**
 * Copies a checked reader build into the edition's `app/` folder, whole: into a temporary folder
 * beside it first, then swapped in by two renames, so that a mirror synced meanwhile gets the old
 * copy or the new one, never a mix, and nothing of the old copy is left (a file the new build no
 * longer has would otherwise stay on every mirror). What a run that died part way left is removed.
 */
export async function installReader(build: ReaderBuild, editionDir: string): Promise<void> {
  await mkdir(editionDir, { recursive: true });
  for (const name of await readdir(editionDir)) {
    if (PART.test(name)) await rm(join(editionDir, name), { recursive: true, force: true });
  }
  const id = randomBytes(6).toString('hex');
  const fresh = join(editionDir, `.${READER_FOLDER}-${id}.tmp`);
  const old = join(editionDir, `.${READER_FOLDER}-${id}.old`);
  const target = join(editionDir, READER_FOLDER);
  try {
    // Links are followed: a mirror gets files, never a link that points outside the folder.
    await cp(build.dir, fresh, { recursive: true, dereference: true, errorOnExist: true, force: false });
    const replacing = await stat(target).catch(() => undefined);
    if (replacing) await rename(target, old);
    try {
      await rename(fresh, target);
    } catch (error) {
      if (replacing) await rename(old, target);
      throw error;
    }
    await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(fresh, { recursive: true, force: true });
    throw new CliError(`The reader app could not be copied into ${target}: ${(error as Error).message}`);
  }
}
