import type { ArchivePart, SavedArchive } from '../dom/read-mhtml.ts';

/**
 * The files a page was saved with, by the absolute address its images name them by: an MHTML
 * archive's parts, or the images of a "Webpage, complete" folder (NAME_files/ beside NAME.html)
 * chosen with the page.
 */
export interface SavedFiles {
  /** What the page's relative addresses resolve against, as in the browser that saved it. */
  base: string;
  /** The page's own web address, where it names one. */
  location?: string;
  has: (address: string) => boolean;
  /** Rejects with a `ReaderError` for a file that is there but damaged. */
  read: (address: string) => Promise<ArchivePart>;
}

/** A page's `<base href>` resolved against where the page was, as a browser would. */
function baseOf(location: string, baseHref: string | undefined): string {
  try {
    return baseHref ? new URL(baseHref, location).href : location;
  } catch {
    return location;
  }
}

/** An archive's parts. A page saved with no address of its own resolves against a made-up one. */
export function archiveFiles(archive: SavedArchive, baseHref: string | undefined): SavedFiles {
  return {
    base: baseOf(archive.location ?? 'saved-page:/page.html', baseHref),
    ...(archive.location ? { location: archive.location } : {}),
    has: (address) => archive.part(address) !== undefined,
    read: (address) =>
      new Promise((resolve) => {
        const part = archive.part(address);
        if (!part) throw new RangeError(`${address} is not in the archive`);
        resolve(part);
      }),
  };
}

/**
 * The address a "Webpage, complete" page stands at: of a scheme no browser fetches, so that what
 * its images name resolves as on the disk it was saved to ("photo.jpg" next to "page.html"), yet
 * leads nowhere when nothing was saved there.
 */
const FOLDER_SCHEME = 'saved-page:';

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

function typeOf(file: File): string {
  return file.type || IMAGE_TYPES[/\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? ''] || 'application/octet-stream';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** How to name a saved file to the reader: a folder's file by its name, an archive's by its address. */
export function savedFileName(address: string): string {
  return address.startsWith(FOLDER_SCHEME) ? decodeSegment(address.slice(address.lastIndexOf('/') + 1)) : address;
}

/** The folder a browser's "Webpage, complete" writes beside the page: report.html, report_files/. */
export function filesFolderOf(pageName: string): string {
  return `${pageName.replace(/\.(html?|xhtml)$/i, '')}_files`;
}

/**
 * The images of a "Webpage, complete" page, among files chosen with it: several files at once
 * (each known by its name alone), or a folder (each by its path in it). Only files in the page's
 * own NAME_files/ folder are its files; a page names no other file on the reader's device.
 */
export function folderFiles(page: File, chosen: readonly File[]): SavedFiles {
  const folder = filesFolderOf(page.name);
  const base = `${FOLDER_SCHEME}/${encodeURIComponent(page.name)}`;
  const pathInFolder = (file: File): string | undefined => {
    const path = file.webkitRelativePath ?? '';
    const at = path.indexOf(`${folder}/`);
    return at === -1 ? undefined : path.slice(at + folder.length + 1);
  };
  const find = (address: string): File | undefined => {
    if (!address.startsWith(FOLDER_SCHEME)) return undefined;
    const segments = new URL(address).pathname.split('/').slice(1).map(decodeSegment);
    if (segments[0] !== folder || segments.length < 2) return undefined;
    const path = segments.slice(1).join('/');
    return (
      chosen.find((file) => pathInFolder(file) === path) ?? chosen.find((file) => !file.webkitRelativePath && file.name === segments.at(-1))
    );
  };
  return {
    base,
    has: (address) => find(address) !== undefined,
    read: async (address) => {
      const file = find(address);
      if (!file) throw new RangeError(`${address} was not chosen with the page`);
      return { type: typeOf(file), bytes: new Uint8Array(await file.arrayBuffer()) };
    },
  };
}
