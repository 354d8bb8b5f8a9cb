import { msg, str } from '@lit/localize';
import { formatNumber } from '../l10n/format.ts';
import { BundleError } from '../shared/bundle/bundle-format.ts';
import type { Highlight } from '../shared/db-schema.ts';
import { MAX_HIGHLIGHTS, MAX_NOTE, MAX_QUOTE, parseHighlights } from '../shared/reader-highlights.ts';

/**
 * An article's highlights from a backup, as a reading state takes them (none: no field). This app
 * never writes highlights outside these bounds, so a backup that holds some was damaged or made to
 * harm: it is refused as a whole, with the reason, before anything of it is stored.
 */
export function restoredHighlights(value: unknown): { highlights?: Highlight[] } {
  if (value === undefined) return {};
  const parsed = parseHighlights(value);
  switch (parsed) {
    case 'shape':
      throw new BundleError(msg('This backup is damaged: the highlights of one of its articles are not valid.'));
    case 'too-many': {
      const limit = formatNumber(MAX_HIGHLIGHTS);
      throw new BundleError(msg(str`This backup is damaged: one of its articles has more than ${limit} highlights.`));
    }
    case 'quote-too-long': {
      const limit = formatNumber(MAX_QUOTE);
      throw new BundleError(msg(str`This backup is damaged: one of its highlights is longer than ${limit} characters.`));
    }
    case 'note-too-long': {
      const limit = formatNumber(MAX_NOTE);
      throw new BundleError(msg(str`This backup is damaged: one of its notes is longer than ${limit} characters.`));
    }
  }
  return parsed.length > 0 ? { highlights: parsed } : {};
}
