/** Dates and language names through Intl, in the reader's language. */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Labels already made, by what they label. A browser's first Intl formatter loads its locale
 * data, 20 to 90 ms on a cold start, longer than the rest of the library's first screen: that
 * screen is drawn from labels kept with it (see `rememberLabels`), and Intl loads afterwards.
 */
const knownDates = new Map<string, string>();
const knownLanguages = new Map<string, string>();
let knownIn = '';

/** The language the UI is shown in, which labels are made in. */
export function uiLanguage(): string {
  return document.documentElement.lang || navigator.language;
}

export interface Labels {
  dates: Record<string, string>;
  languages: Record<string, string>;
}

/** Labels made in `language`, used while the UI stays in it. */
export function rememberLabels(labels: Labels, language: string): void {
  knownIn = language;
  for (const [published, text] of Object.entries(labels.dates)) knownDates.set(published, text);
  for (const [tag, name] of Object.entries(labels.languages)) knownLanguages.set(tag, name);
}

/** The labels for these dates and languages, to keep for the next start. */
export function labelsFor(published: readonly string[], languages: readonly string[]): Labels {
  return {
    dates: Object.fromEntries(published.map((date) => [date, formatPublished(date)])),
    languages: Object.fromEntries(languages.map((tag) => [tag, languageName(tag)])),
  };
}

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
  const known = locale === undefined && knownIn === uiLanguage() ? knownDates.get(published) : undefined;
  if (known !== undefined) return known;
  const date = new Date(published);
  if (Number.isNaN(date.getTime())) return published;
  return dateFormat(locale, DATE_ONLY.test(published) ? 'UTC' : undefined).format(date);
}

let languageNames: Intl.DisplayNames | undefined;

/** "English" for "en", in the UI's language; the tag itself when Intl does not know it. */
export function languageName(tag: string): string {
  const known = knownIn === uiLanguage() ? knownLanguages.get(tag) : undefined;
  if (known !== undefined) return known;
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
