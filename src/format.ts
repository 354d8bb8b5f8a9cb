/** Dates and language names through Intl, in the reader's language. */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * A publication date for display. A date without a time is shown as that calendar day wherever
 * the reader is (read as UTC), rather than shifting a day west of Greenwich.
 */
export function formatPublished(published: string, locale?: string): string {
  const date = new Date(published);
  if (Number.isNaN(date.getTime())) return published;
  return dateFormat(locale, DATE_ONLY.test(published) ? 'UTC' : undefined).format(date);
}

let languageNames: Intl.DisplayNames | undefined;

/** "English" for "en", in the UI's language; the tag itself when Intl does not know it. */
export function languageName(tag: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(undefined, { type: 'language' });
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
