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

/**
 * The page's first Intl formatter loads the locale's data from ICU: some 20 ms on a desktop, four
 * times that on a slow phone, which was most of the script time of the library's first list.
 * Made in a task of their own once the first frame is up (while the page waits on the network or
 * the database), the formatters are ready when the list is drawn instead of lengthening the task
 * that draws it, the long task that Lighthouse counts as blocking.
 */
function prepareFormats(): void {
  dateFormat(undefined, undefined);
  dateFormat(undefined, 'UTC');
  languageName('en');
}

if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(prepareFormats));
