import { msg } from '@lit/localize';
import { ArchiveError, readArchive } from '../dom/read-mhtml.ts';
import { describeError } from '../l10n/describe-error.ts';
import { baseHref } from '../shared/html/base-href.ts';
import { parseInertDocument } from '../app/trusted-types.ts';
import { importSavedPage } from './import-saved-page.ts';
import type { ImportOptions, ImportReport } from './import-report.ts';
import { archiveFiles } from './saved-files.ts';

/**
 * A page saved as one MHTML archive, made into an unsigned article with the images it was saved
 * with. An archive that is none, holds no page, or is cut short is refused, and nothing is stored.
 */
export async function importArchive(bytes: Uint8Array, file: File, options: ImportOptions = {}): Promise<ImportReport> {
  const source = file.name || msg('Saved page');
  try {
    const archive = readArchive(bytes, parseInertDocument);
    return await importSavedPage(archive.html, file, options, archiveFiles(archive, baseHref(archive.html)));
  } catch (error) {
    if (error instanceof ArchiveError) return { source, outcomes: [], error: await describeError(error) };
    throw error;
  }
}
