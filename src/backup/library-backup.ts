import { msg, str } from '@lit/localize';
import { loadArticles, type ExportedFile } from '../export/export-articles.ts';
import { publishersOf } from '../publishers/publishers-of.ts';
import { PUBLISHERS_SETTING } from '../storage/publishers.ts';
import { importDecoded } from '../import/import-decoded.ts';
import { formatBytes } from '../format.ts';
import { MAX_IMPORT_BYTES } from '../import/import-limits.ts';
import { notifyLibraryChanged } from '../library-events.ts';
import { BundleError } from '../shared/bundle/bundle-format.ts';
import { decodeBundle } from '../shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../shared/bundle/encode-bundle.ts';
import type { ReadingState, Source } from '../shared/db-schema.ts';
import type { TrustedKey } from '../shared/verdict.ts';
import { allArticleIds } from '../storage/articles.ts';
import { allReadingStates, MAX_COLLECTION_NAME, putReadingStates } from '../storage/reading.ts';
import { allSettings, putSetting, saveSetting } from '../storage/settings.ts';
import { getSource, listSources, putSource } from '../storage/sources.ts';
import { getTrustedKey, putTrustedKey, readerTrustedKeys } from '../storage/trusted-keys.ts';

/**
 * A library backup is a bundle (so every article in it keeps its signature and any Pamphlet can
 * import it) whose payload also carries what makes it the reader's library: the sources followed,
 * the publishers trusted, what was read and where, and the settings.
 */
export const BACKUP_FIELD = 'libraryBackup';

interface LibraryBackup {
  format: 'pamphlet-library-backup';
  version: 1;
  createdAt: string;
  sources: Source[];
  keys: TrustedKey[];
  reading: ReadingState[];
  settings: Record<string, unknown>;
}

/**
 * Settings that describe this copy of the library rather than the reader's choices; and the
 * publishers seen, which travel as the bundle's own `publishers`, checked again when restored.
 */
const LOCAL_SETTINGS = new Set(['lastBackupAt', 'lastBackupArticles', 'persistenceAsked', PUBLISHERS_SETTING]);

export async function backUpLibrary(): Promise<ExportedFile> {
  const ids = await allArticleIds();
  const { articles, images } = await loadArticles(ids);
  const [sources, keys, readings, settings] = await Promise.all([listSources(), readerTrustedKeys(), allReadingStates(), allSettings()]);
  const reading = [...readings.values()];
  const backup: LibraryBackup = {
    format: 'pamphlet-library-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    sources,
    keys,
    reading,
    settings: Object.fromEntries(Object.entries(settings).filter(([key]) => !LOCAL_SETTINGS.has(key))),
  };
  const text = encodeBundle(articles, images, { publishers: await publishersOf(articles), extensions: { [BACKUP_FIELD]: backup } });
  await saveSetting('lastBackupAt', Date.now());
  await saveSetting('lastBackupArticles', articles.length);
  const date = new Date().toISOString().slice(0, 10);
  return { name: `pamphlet-backup-${date}.html`, blob: new Blob([text], { type: 'text/html' }), count: articles.length };
}

export interface RestoreReport {
  articles: number;
  refused: number;
  sources: number;
  keys: number;
  readingStates: number;
  settings: number;
}

function isArray(value: unknown): value is Array<Record<string, unknown>> {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
}

function parseBackup(value: unknown): LibraryBackup {
  const backup = value as Partial<LibraryBackup> | undefined;
  if (!backup || backup.format !== 'pamphlet-library-backup') {
    throw new BundleError(msg('This file is a bundle of articles, not a library backup: use Import in the library to add its articles.'));
  }
  const version = String(backup.version);
  if (backup.version !== 1) throw new BundleError(msg(str`This backup is of version ${version}, which this version of Pamphlet cannot restore.`));
  if (!isArray(backup.sources) || !isArray(backup.keys) || !isArray(backup.reading) || typeof backup.settings !== 'object' || backup.settings === null) {
    throw new BundleError(msg('This backup is damaged: its sources, keys, reading state or settings are missing.'));
  }
  return backup as LibraryBackup;
}

/** More collections on one article than anyone keeps are cut (their names, as when they are made). */
const MAX_COLLECTIONS = 100;

/** A reading state from a backup, every field checked: a backup is a file anyone can edit. */
function restoredReadingState(saved: ReadingState): ReadingState {
  const state = saved as unknown as Record<string, unknown>;
  const position = Number(state.position);
  const tags = Array.isArray(state.tags)
    ? [...new Set(state.tags.filter((tag): tag is string => typeof tag === 'string').map((tag) => tag.trim().slice(0, MAX_COLLECTION_NAME)).filter(Boolean))]
        .slice(0, MAX_COLLECTIONS)
        .sort((a, b) => a.localeCompare(b))
    : [];
  return {
    articleId: saved.articleId,
    read: state.read === true,
    position: Number.isFinite(position) ? Math.min(1, Math.max(0, position)) : 0,
    updatedAt: Math.min(Number(state.updatedAt) || 0, Date.now()),
    ...(state.starred === true ? { starred: true } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/**
 * Restores a backup into this library without taking anything away: articles go through the import
 * (each signature checked; what is here and newer stays), trusted keys and sources are added or
 * merged, reading state is kept where it is newer, settings are taken from the backup.
 */
export async function restoreLibrary(file: File): Promise<RestoreReport> {
  if (file.size > MAX_IMPORT_BYTES * 8) {
    const [size, limit] = [formatBytes(file.size), formatBytes(MAX_IMPORT_BYTES * 8)];
    throw new BundleError(msg(str`This file is ${size}, over the ${limit} a backup may take.`));
  }
  const decoded = await decodeBundle(await file.text());
  const backup = parseBackup(decoded.extensions[BACKUP_FIELD]);

  // Keys first, so that the restored articles are Verified by the keys the reader trusted.
  let keys = 0;
  for (const key of backup.keys) {
    if (typeof key.key !== 'string' || typeof key.name !== 'string' || key.origin === 'built-in') continue;
    if (!(await getTrustedKey(key.key))) {
      await putTrustedKey({ key: key.key, name: key.name, origin: 'reader', addedAt: Number(key.addedAt) || Date.now() });
      keys++;
    }
  }
  const report = await importDecoded(decoded, file.name);
  const stored = report.outcomes.filter((outcome) => outcome.stored).length;

  let sources = 0;
  for (const source of backup.sources) {
    if ((source.kind !== 'edition' && source.kind !== 'feed') || typeof source.id !== 'string' || typeof source.name !== 'string') continue;
    const existing = await getSource(source.id);
    if (!existing) {
      await putSource(source);
      sources++;
    } else if (existing.kind === 'edition' && source.kind === 'edition') {
      await putSource({
        ...existing,
        mirrors: [...new Set([...existing.mirrors, ...(Array.isArray(source.mirrors) ? source.mirrors : [])])],
        lastSequence: Math.max(existing.lastSequence ?? 0, source.lastSequence ?? 0),
      });
    }
  }

  // Kept where this library's own is as new or newer (the clock of a backup is not trusted to be
  // behind this one's: a time still to come counts as now).
  const current = await allReadingStates();
  const newer = backup.reading
    .filter((state) => typeof state.articleId === 'string')
    .map((state) => restoredReadingState(state))
    .filter((state) => {
      const here = current.get(state.articleId);
      return !here || here.updatedAt < state.updatedAt;
    });
  await putReadingStates(newer);
  const readingStates = newer.length;

  let settings = 0;
  for (const [key, value] of Object.entries(backup.settings)) {
    if (LOCAL_SETTINGS.has(key)) continue;
    await putSetting(key, value);
    settings++;
  }
  notifyLibraryChanged();
  return { articles: stored, refused: report.outcomes.length - stored, sources, keys, readingStates, settings };
}

