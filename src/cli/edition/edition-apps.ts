import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_APPS, READER_FOLDER, SOURCE_FILE } from '../../shared/edition/edition-format.ts';
import { parseSourceDescriptor } from '../../shared/edition/parse-edition.ts';
import { readerApps } from '../../shared/edition/reader-apps.ts';
import { holdsReader } from './install-reader.ts';
import { isIpfsAddress } from '../../shared/ipfs/ipfs-scheme.ts';

export interface EditionAppsInput {
  dir: string;
  /** The publisher's key: a descriptor of another key in the folder is not this edition's. */
  key: string;
  /** The addresses given with --app in this run; none given, the previous run's are kept. */
  given: readonly string[];
  /** The edition's mirrors in this run, and in the previous one. */
  mirrors: readonly string[];
  previousMirrors: readonly string[];
  warn: (message: string) => void;
}

/**
 * Where the folder's `app/` is served on each web mirror: `<mirror>/app/`. A mirror on IPFS is
 * left out: a reader app runs from a web address, and which gateway to give is the reader's choice.
 */
function mirrorApps(mirrors: readonly string[]): string[] {
  return mirrors
    .filter((mirror) => !isIpfsAddress(mirror))
    .map((mirror) => new URL(`${READER_FOLDER}/`, mirror.endsWith('/') ? mirror : `${mirror}/`).href);
}

/** The reader addresses of the folder's previous source descriptor, if it has a valid one of this key. */
async function previousApps(dir: string, key: string): Promise<string[]> {
  try {
    const descriptor = await parseSourceDescriptor(JSON.parse(await readFile(join(dir, SOURCE_FILE), 'utf8')));
    return descriptor.key === key ? readerApps(descriptor) : [];
  } catch {
    return [];
  }
}

/**
 * The reader addresses this run's descriptor lists: those given with --app (else the ones the
 * publisher gave before), then, when the folder holds the reader, its `app/` on every mirror.
 * Addresses the previous run derived from its mirrors are not carried over as given ones, so
 * that a mirror dropped from the list takes its reader address with it.
 */
export async function editionApps(input: EditionAppsInput): Promise<string[]> {
  const derivedBefore = new Set(mirrorApps(input.previousMirrors));
  const chosen =
    input.given.length > 0
      ? input.given
      : (await previousApps(input.dir, input.key)).filter((app) => !derivedBefore.has(new URL(app).href));
  const hosted = (await holdsReader(input.dir)) ? mirrorApps(input.mirrors) : [];
  const apps = [...new Map([...chosen, ...hosted].map((app) => [new URL(app).href, app])).values()];
  if (apps.length > MAX_APPS) {
    input.warn(`Only the first ${MAX_APPS} reader addresses are listed (readers take no more); ${apps.length - MAX_APPS} left out.`);
    return apps.slice(0, MAX_APPS);
  }
  return apps;
}
