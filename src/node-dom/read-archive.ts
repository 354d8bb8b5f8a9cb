import { JSDOM } from 'jsdom';
import { readArchive } from '../dom/read-mhtml.ts';
import { baseHref } from '../shared/html/base-href.ts';

/** A file of a saved page's archive: plain data, for the command, which has no DOM. */
export interface ArchivedFile {
  type: string;
  bytes: Uint8Array;
}

export interface ArchivedPage {
  html: string;
  /** What the page's addresses resolve against: its base, else where it was saved from. */
  base?: string;
  /** The file saved for an absolute address. Throws a `ReaderError` for one that is damaged. */
  file: (address: string) => ArchivedFile | undefined;
}

/**
 * A page saved as one MHTML archive (src/dom/read-mhtml.ts), read over jsdom as the app reads it
 * in the browser. Throws a `ReaderError` saying why for a file that is no archive, holds no page,
 * or is cut short.
 */
export function readArchivedPage(bytes: Uint8Array): ArchivedPage {
  const archive = readArchive(bytes, (html) => new JSDOM(html).window.document);
  const href = baseHref(archive.html);
  let base = archive.location;
  try {
    if (href) base = new URL(href, archive.location).href;
  } catch {
    // A base that is no address is ignored, as a browser ignores it.
  }
  return { html: archive.html, ...(base ? { base } : {}), file: (address) => archive.part(address) };
}
