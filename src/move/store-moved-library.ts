import { readBackup } from '../backup/read-backup.ts';
import { restoreLibrary } from '../backup/restore-library.ts';

/**
 * A library that came from the reader's own copy at another address, stored as a backup is
 * restored, with everything ticked: every article checked as any import is (what is here and
 * newer stays), reading state kept where newer, and each publisher key trusted only through the
 * trust check again, so a key that could pass for another publisher is left out as a restore
 * would leave it.
 */
export async function storeMovedLibrary(text: string, from: string): Promise<{ articles: number; refused: number }> {
  const plan = await readBackup(new File([text], `library-from-${new URL(from).host}.html`, { type: 'text/html' }));
  const report = await restoreLibrary(plan, {
    keys: new Set(plan.keys.filter((key) => !key.problem).map((key) => key.key)),
    sources: new Set(plan.sources.filter((choice) => !choice.problem).map((choice) => choice.source.id)),
    settings: new Set(plan.settings.map((setting) => setting.key)),
  });
  return { articles: report.articles, refused: report.refused };
}
