import { loadArticles, type ExportedFile } from '../export/export-articles.ts';
import { publishersOf } from '../publishers/publishers-of.ts';
import { encodeBundle } from '../shared/bundle/encode-bundle.ts';
import { allArticleIds } from '../browser/storage/articles.ts';
import { PUBLISHERS_SETTING } from '../browser/storage/publishers.ts';
import { allReadingStates } from '../browser/storage/reading.ts';
import { allSettings, FIRST_SCREEN, saveSetting } from '../browser/storage/settings.ts';
import { listSources } from '../browser/storage/sources.ts';
import { readerTrustedKeys } from '../browser/storage/trusted-keys.ts';
import { BACKUP_FIELD, type LibraryBackup } from './backup-format.ts';

/**
 * Settings that describe this copy of the library rather than the reader's choices; and the
 * publishers seen, which travel as the bundle's own `publishers`, checked again when restored.
 */
const LOCAL_SETTINGS = new Set([
  'lastBackupAt',
  'lastBackupArticles',
  'persistenceAsked',
  'sampleLoaded',
  'addressSecret',
  FIRST_SCREEN,
  PUBLISHERS_SETTING,
]);

/** The whole library as a backup's text (a bundle with the backup beside its articles), and how many articles it holds. */
export async function libraryBackupText(): Promise<{ text: string; articles: number }> {
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
  return { text, articles: articles.length };
}

export async function backUpLibrary(): Promise<ExportedFile> {
  const { text, articles } = await libraryBackupText();
  await saveSetting('lastBackupAt', Date.now());
  await saveSetting('lastBackupArticles', articles);
  const date = new Date().toISOString().slice(0, 10);
  return { name: `pamphlet-backup-${date}.html`, blob: new Blob([text], { type: 'text/html' }), count: articles };
}
