import { uiLocale } from './localization.ts';

/**
 * Dates, numbers, sizes and language names through Intl, in the UI's language (so Persian shows
 * Persian digits and the Solar Hijri calendar, as Intl does for "fa").
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>();

/**
 * Labels already made, by what they label. A browser's first Intl formatter loads its locale
 * data, 20 to 90 ms on a cold start, longer than the rest of the library's first screen: that
 * screen is drawn from labels kept with it (see `rememberLabels`), and Intl loads afterwards.
 */
const knownDates = new Map<string, string>();
const knownLanguages = new Map<string, string>();
const knownNumbers = new Map<number, string>();
let knownIn = '';

export interface Labels {
  dates: Record<string, string>;
  languages: Record<string, string>;
  numbers?: Record<string, string>;
}

/** Labels made in `locale`, used while the UI stays in it. */
export function rememberLabels(labels: Labels, locale: string): void {
  knownIn = locale;
  for (const [published, text] of Object.entries(labels.dates)) knownDates.set(published, text);
  for (const [tag, name] of Object.entries(labels.languages)) knownLanguages.set(tag, name);
  for (const [value, text] of Object.entries(labels.numbers ?? {})) knownNumbers.set(Number(value), text);
}

/** The labels for these dates and languages in the UI's language, to keep for the next start. */
export function labelsFor(published: readonly string[], languages: readonly string[], numbers: readonly number[]): Labels {
  return {
    dates: Object.fromEntries(published.map((date) => [date, formatPublished(date)])),
    languages: Object.fromEntries(
      languages.flatMap((tag) => {
        const name = languageName(tag);
        return name === undefined ? [] : [[tag, name] as const];
      }),
    ),
    numbers: Object.fromEntries(numbers.map((value) => [value, formatNumber(value)])),
  };
}

/** One formatter per locale and options: making them is slow, and a long list formats thousands. */
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let format = formats.get(key) as T | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/**
 * A publication date for display. A date without a time is shown as that calendar day wherever
 * the reader is (read as UTC), rather than shifting a day west of Greenwich.
 */
export function formatPublished(published: string, locale: string = uiLocale()): string {
  const known = locale === knownIn ? knownDates.get(published) : undefined;
  if (known !== undefined) return known;
  const date = new Date(published);
  if (Number.isNaN(date.getTime())) return published;
  const utc = DATE_ONLY.test(published);
  return cached(
    `date|${locale}|${utc}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(utc ? { timeZone: 'UTC' } : {}) }),
  ).format(date);
}

/** A moment (milliseconds since the epoch) as date and time, for "last synced" and "last backup". */
export function formatMoment(time: number, locale: string = uiLocale()): string {
  return cached(`moment|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(time);
}

/**
 * A count in the UI's digits. Grouped from five digits on ("3000 articles", "12,000 articles"),
 * as style guides for most of these languages have it.
 */
export function formatNumber(value: number, locale: string = uiLocale()): string {
  const known = locale === knownIn ? knownNumbers.get(value) : undefined;
  if (known !== undefined) return known;
  // "min2" is in every browser Pamphlet runs on (Intl.NumberFormat v3) but not in the ES2022 lib.
  const options = { useGrouping: 'min2' } as unknown as Intl.NumberFormatOptions;
  return cached(`number|${locale}`, () => new Intl.NumberFormat(locale, options)).format(value);
}

/** 1.25 as "125%" (or "۱۲۵٪", "125 %"). */
export function formatPercent(fraction: number, locale: string = uiLocale()): string {
  return cached(`percent|${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(fraction);
}

/** A size in bytes, kilobytes or megabytes, with the units' names in the UI's language. */
export function formatBytes(bytes: number, locale: string = uiLocale()): string {
  const [unit, value, digits] =
    bytes >= 1024 * 1024
      ? (['megabyte', bytes / 1024 / 1024, 1] as const)
      : bytes >= 1024
        ? (['kilobyte', bytes / 1024, 0] as const)
        : (['byte', bytes, 0] as const);
  return cached(
    `bytes|${locale}|${unit}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }),
  ).format(value);
}

/**
 * "und" (a page that did not say), "root" and a tag that is no tag name no language. Intl names them
 * all the same: "root" for "und", as if it were a language.
 */
function namesNoLanguage(tag: string): boolean {
  const language = tag.split(/[-_]/)[0]!.toLowerCase();
  return language === '' || language === 'und' || language === 'root';
}

/**
 * "English" for "en", in the UI's language; the tag itself when Intl has no name for it; undefined
 * when the tag names no language, which is then best not shown at all.
 */
export function languageName(tag: string, locale: string = uiLocale()): string | undefined {
  if (namesNoLanguage(tag)) return undefined;
  const known = locale === knownIn ? knownLanguages.get(tag) : undefined;
  if (known !== undefined) return known;
  try {
    return cached(`language|${locale}`, () => new Intl.DisplayNames(locale, { type: 'language' })).of(tag) ?? tag;
  } catch {
    return undefined;
  }
}

/**
 * The page's first Intl formatter loads the locale's data from ICU: some 20 ms on a desktop, four
 * times that on a slow phone. Made in a task of their own once the first frame is up (while the
 * page waits on the network or the database), the formatters are ready when the list is drawn
 * instead of lengthening the task that draws it, the long task that Lighthouse counts as blocking.
 */
function prepareFormats(): void {
  formatPublished('2000-01-01T00:00:00Z');
  formatPublished('2000-01-01');
  languageName('en');
  formatNumber(0);
}

// When the page is next idle: after the first screen's frame and the work that follows it.
if (typeof requestIdleCallback === 'function') requestIdleCallback(prepareFormats, { timeout: 1000 });
