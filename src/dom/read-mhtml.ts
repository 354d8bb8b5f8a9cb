import { parse, type Resource } from 'mhtml-to-html/browser';
import { base64ToBytes } from '../shared/base64.ts';
import { defangHtml } from '../shared/html/defang-html.ts';
import { ReaderError } from '../shared/note.ts';
import { archiveBoundary, HEAD_BYTES } from '../shared/archive-headers.ts';

/**
 * A web page saved as one MHTML file (Chrome's "Download page" on Android, "Save as… Webpage,
 * single file" on the desktop, Chromium's own snapshots): the page's HTML, and its images as the
 * other parts of a multipart/related message, each named by its address (Content-Location) or
 * its Content-ID. Read by mhtml-to-html's parser (by SingleFile's author), which decodes each
 * part's quoted-printable or base64 and the page's charset, including one its <meta> declares.
 * Runs in the page and in Node over jsdom: the caller gives the DOM parser. The page comes out
 * defanged only if it declared its charset (see defangingParser); the caller defangs it anyway.
 */

/** A file an archive holds, as the page used it. */
export interface ArchivePart {
  /** Its media type, lowercase, without parameters. */
  type: string;
  bytes: Uint8Array;
}

export interface SavedArchive {
  /** The page's HTML, decoded from its charset. */
  html: string;
  /** Where the page was saved from (its Content-Location), if an address: its addresses resolve against it. */
  location?: string;
  /** The part a page's (absolute) address names, or undefined. Throws `ArchiveError` for a part that does not decode. */
  part(address: string): ArchivePart | undefined;
}

export class ArchiveError extends ReaderError {
  override name = 'ArchiveError';
}

/** Parses HTML into a document that runs nothing and loads nothing (the page's, or jsdom's). */
export type ParseDocument = (html: string) => Document;

/**
 * The DOM parser the archive's parser reads the page's charset declarations with (and whose
 * document it then writes back as the page, those declarations taken out). It is given the page
 * defanged: a browser reports every event handler it parses, even in an inert document, to the
 * Content Security Policy, and the app never lets a page's handlers get that far.
 */
function defangingParser(parseDocument: ParseDocument) {
  return class {
    parseFromString(text: string): Document {
      return parseDocument(defangHtml(text, { keepDeclarations: true }).html);
    }
  };
}

const LATIN1 = new TextDecoder('latin1');
/** Enough of a file's end to hold the closing boundary and any epilogue a writer adds. */
const TAIL_BYTES = 64 * 1024;

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function withoutFragment(address: string): string {
  const hash = address.indexOf('#');
  return hash === -1 ? address : address.slice(0, hash);
}

/**
 * The page and its parts. Refuses with an `ArchiveError` what is not an archive, an archive with
 * no page in it, and one cut short (its closing boundary missing: a download that stopped, a file
 * truncated in a chat app). mhtml-to-html recovers what it can from a damaged file, which is right
 * for a viewer; an import that would keep a page with half its parts says so instead.
 */
export function readArchive(bytes: Uint8Array, parseDocument: ParseDocument): SavedArchive {
  const delimiter = archiveBoundary(LATIN1.decode(bytes.subarray(0, HEAD_BYTES)));
  if (!delimiter) throw new ArchiveError({ code: 'mhtml-not-archive' });
  if (!LATIN1.decode(bytes.subarray(-TAIL_BYTES)).includes(`--${delimiter}--`)) throw new ArchiveError({ code: 'mhtml-unterminated' });

  const archive = parse(bytes, { DOMParser: defangingParser(parseDocument) as unknown as DOMParser });
  const page = archive.index === undefined ? undefined : archive.resources[archive.index];
  if (!page || !/^(text\/html|application\/xhtml\+xml)$/.test(mediaType(page.contentType)))
    throw new ArchiveError({ code: 'mhtml-no-page' });
  // The page's base64 the parser could not decode is left as it was.
  if (page.transferEncoding === 'base64') throw new ArchiveError({ code: 'mhtml-part-damaged', address: page.id });

  const find = (address: string): Resource | undefined => {
    const plain = withoutFragment(address);
    if (/^cid:/i.test(plain)) {
      const id = decodeURIComponent(plain.slice(4));
      return archive.resources[`<${id}>`] ?? archive.resources[id];
    }
    return archive.resources[plain];
  };
  return {
    html: page.data,
    ...(/^https?:/i.test(page.id) ? { location: page.id } : {}),
    part(address) {
      const resource = find(address);
      // Only a part kept in base64 holds its bytes as they were; the parser has read any other as text.
      if (!resource || resource === page || resource.transferEncoding !== 'base64') return undefined;
      try {
        return { type: mediaType(resource.contentType), bytes: base64ToBytes(resource.data.replace(/\s+/g, '')) };
      } catch {
        throw new ArchiveError({ code: 'mhtml-part-damaged', address: withoutFragment(address) });
      }
    },
  };
}
