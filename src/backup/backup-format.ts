import type { ReadingState, Source } from '../shared/db-schema.ts';
import type { TrustedKey } from '../shared/verdict.ts';

/**
 * A library backup is a bundle (so every article in it keeps its signature and any Pamphlet can
 * import it) whose payload also carries what makes it the reader's library: the sources followed,
 * the publishers trusted, what was read and where, and the settings. Restoring one is
 * read-backup.ts (what it would change) and restore-library.ts (what the reader chose of it).
 */
export const BACKUP_FIELD = 'libraryBackup';

export interface LibraryBackup {
  format: 'pamphlet-library-backup';
  version: 1;
  createdAt: string;
  sources: Source[];
  keys: TrustedKey[];
  reading: ReadingState[];
  settings: Record<string, unknown>;
}
