import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { CliError, USAGE } from '../cli-error.ts';
import { pageReferences } from './page-references.ts';

/** A built reader app, checked: the folder, and its manifest's path in it. */
export interface ReaderBuild {
  dir: string;
  manifest: string;
}

/** Manifest members that hold an address the browser resolves (the app's `id` is a name, not one). */
const MANIFEST_ADDRESSES = new Set(['start_url', 'scope', 'action', 'src', 'url']);

/** An address that leads to the root of whatever host serves it: `/x`, not `x`, `./x` or `//host/x`. */
function fromHostRoot(address: string): boolean {
  return address.startsWith('/') && !address.startsWith('//');
}

/** Every address-like string in the manifest, wherever it sits (share_target.action, icons[].src…). */
function manifestAddresses(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return MANIFEST_ADDRESSES.has(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => manifestAddresses(item, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([name, item]) => manifestAddresses(item, name));
  return [];
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/**
 * Checks that `dir` is a reader app built to work in any folder (npm run build's `dist/`): an
 * index.html, its service worker sw.js, the manifest index.html names, and no address that leads
 * to the root of the host. A build that reached for `/manifest.webmanifest` would work at a host's
 * root and nowhere else; under a mirror's `app/` it would show a broken reader to everyone sent
 * there, so it is refused before anything is written.
 */
export async function checkReaderBuild(dir: string): Promise<ReaderBuild> {
  function refuse(problem: string): never {
    throw new CliError(`--with-app ${dir}: ${problem}`, USAGE);
  }
  if (!(await stat(dir).catch(() => undefined))?.isDirectory())
    refuse('no such folder. Give the folder a build of the reader app made (npm run build writes dist/).');
  for (const file of ['index.html', 'sw.js']) {
    if (!(await isFile(join(dir, file)))) refuse(`it holds no ${file}, so it is not a built reader app (npm run build writes dist/).`);
  }
  const { manifest, addresses } = pageReferences(await readFile(join(dir, 'index.html'), 'utf8'));
  const rooted = addresses.find(fromHostRoot);
  if (rooted !== undefined)
    refuse(
      `its index.html loads ${rooted} from the root of the host, so it works only at a host's root, not in an edition's app/ folder. Use a build whose addresses are relative.`,
    );
  if (!manifest) refuse('its index.html names no web app manifest (<link rel="manifest">), so the reader could not be installed.');
  const path = normalize(manifest.replace(/[?#].*$/, ''));
  if (/^[a-z][a-z0-9+.-]*:/i.test(manifest) || path.startsWith('..') || path.startsWith(sep) || !(await isFile(join(dir, path))))
    refuse(`the manifest its index.html names, ${manifest}, is not a file in the folder.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, path), 'utf8'));
  } catch {
    refuse(`its manifest ${path} is not valid JSON.`);
  }
  const rootedInManifest = manifestAddresses(parsed).find(fromHostRoot);
  if (rootedInManifest !== undefined)
    refuse(
      `its manifest ${path} names ${rootedInManifest} from the root of the host, so the installed app would open outside the edition's app/ folder. Use a build whose addresses are relative.`,
    );
  return { dir, manifest: path };
}
