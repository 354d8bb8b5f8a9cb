import { importDecoded } from '../import/import-decoded.ts';
import { notifyLibraryChanged } from '../browser/library-changes.ts';
import { trustPublisher, TrustRefused } from '../publishers/trust-publisher.ts';
import { allReadingStates, putReadingStates } from '../browser/storage/reading.ts';
import { putSetting } from '../browser/storage/settings.ts';
import { putSource } from '../browser/storage/sources.ts';
import type { RestorePlan } from './read-backup.ts';

/** What the reader chose to take from a backup besides its articles, by key, source id and setting name. */
export interface RestoreChoices {
  keys: ReadonlySet<string>;
  sources: ReadonlySet<string>;
  settings: ReadonlySet<string>;
}

export interface RestoreReport {
  articles: number;
  refused: number;
  sources: number;
  keys: number;
  readingStates: number;
  settings: number;
}

/**
 * Restores what the reader chose of a backup, adding and never taking away: articles go through
 * the import (each signature checked; what is here and newer stays), reading state is kept where
 * it is newer; then only the keys, sources and settings the reader ticked. A key is trusted
 * through the trust check again, at the moment it is applied.
 */
export async function restoreLibrary(plan: RestorePlan, choices: RestoreChoices): Promise<RestoreReport> {
  const report = await importDecoded(plan.decoded, plan.fileName);
  const stored = report.outcomes.filter((outcome) => outcome.stored).length;

  const current = await allReadingStates();
  const newer = plan.reading.filter((state) => (current.get(state.articleId)?.updatedAt ?? -1) < state.updatedAt);
  await putReadingStates(newer);

  let keys = 0;
  for (const choice of plan.keys.filter((key) => choices.keys.has(key.key) && !key.problem)) {
    try {
      await trustPublisher(choice.key, choice.name);
      keys++;
    } catch (error) {
      if (!(error instanceof TrustRefused)) throw error;
    }
  }
  const sources = plan.sources.filter((choice) => choices.sources.has(choice.source.id) && !choice.problem);
  for (const choice of sources) await putSource(choice.source);
  const settings = plan.settings.filter((setting) => choices.settings.has(setting.key));
  for (const setting of settings) await putSetting(setting.key, setting.value);

  notifyLibraryChanged();
  return {
    articles: stored,
    refused: report.outcomes.length - stored,
    sources: sources.length,
    keys,
    readingStates: newer.length,
    settings: settings.length,
  };
}
