import { msg, str } from '@lit/localize';
import { HEAD_BYTES, looksLikeArchive } from '../shared/archive-headers.ts';
import { formatBytes } from '../l10n/format.ts';
import { describeError } from '../l10n/describe-error.ts';
import { BundleError } from '../shared/bundle/bundle-format.ts';
import { decodeBundle, isBundle } from '../shared/bundle/decode-bundle.ts';
import { EditionError, parseSourceDescriptor } from '../shared/edition/parse-edition.ts';
import { fingerprintOf } from '../shared/signing.ts';
import { timePhase } from '../browser/phase-timing.ts';
import { importDecoded } from './import-decoded.ts';
import { MAX_IMPORT_BYTES } from './import-limits.ts';
import type { ImportOptions, ImportReport } from './import-report.ts';

/** Something that looks like the start of an HTML document or fragment. */
const LOOKS_LIKE_HTML = /<(!doctype\s+html|html|head|body|article|main|section|div|p|h1)\b/i;
/** Control characters near the start: a picture, an archive or a PDF, not text. */
const LOOKS_BINARY = /[\u0000-\u0008\u000e-\u001a]/;

function refused(source: string, error: string): ImportReport {
  return { source, outcomes: [], error };
}

/** A publisher's source file (`pamphlet-source.json`): checked, and offered to follow. */
async function sourceDescriptorReport(text: string, source: string): Promise<ImportReport> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refused(source, msg('This file is neither a Pamphlet bundle, a Pamphlet source nor a web page.'));
  }
  const descriptor = await parseSourceDescriptor(value);
  return { source, outcomes: [], subscription: { ...descriptor, fingerprint: await fingerprintOf(descriptor.key) } };
}

/** What an MHTML archive is named: Chrome writes .mhtml, older browsers and Word .mht. */
export const ARCHIVE_NAME = /\.(mhtml|mht)$/i;

/**
 * Imports one file: a Pamphlet bundle, a page saved as one MHTML archive, or any other saved web
 * page (made into an unsigned article through Readability), with the images of its "Webpage,
 * complete" folder among the files chosen with it. Every problem ends in a report that says what
 * is wrong; nothing throws except cancellation.
 */
export async function importFile(file: File, options: ImportOptions = {}, chosenWith: readonly File[] = []): Promise<ImportReport> {
  const source = file.name || msg('Shared file');
  if (file.size > MAX_IMPORT_BYTES) {
    const [size, limit] = [formatBytes(file.size), formatBytes(MAX_IMPORT_BYTES)];
    return refused(source, msg(str`This file is ${size}, over the ${limit} limit for one import.`));
  }
  try {
    const bytes = new Uint8Array(await timePhase('read', () => file.arrayBuffer()));
    if (ARCHIVE_NAME.test(file.name) || looksLikeArchive(new TextDecoder('latin1').decode(bytes.subarray(0, HEAD_BYTES)))) {
      const { importArchive } = await import('./import-archive.ts');
      return await importArchive(bytes, file, options);
    }
    if (isBundle(bytes)) return await importDecoded(await timePhase('decode', () => decodeBundle(bytes)), source, options);
    const text = new TextDecoder().decode(bytes);
    if (text.trimStart().startsWith('{')) return await sourceDescriptorReport(text, source);
    if (LOOKS_BINARY.test(text.slice(0, 512)) || !LOOKS_LIKE_HTML.test(text)) {
      return refused(source, msg('This file is neither a Pamphlet bundle nor a web page, so there is nothing in it to read.'));
    }
    const [{ importSavedPage }, { folderFiles }, { decodePage }] = await Promise.all([
      import('./import-saved-page.ts'),
      import('./saved-files.ts'),
      import('../shared/text/page-encoding.ts'),
    ]);
    // A page is read again by the charset it declares: a bundle is always UTF-8, a saved page may not be.
    const page = decodePage(bytes, file.type);
    return await importSavedPage(page, file, options, chosenWith.length > 0 ? folderFiles(file, chosenWith) : undefined);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    if (error instanceof BundleError || error instanceof EditionError) return refused(source, await describeError(error));
    // Storage failures (a full disk, say) are the import queue's to explain.
    throw error;
  }
}
