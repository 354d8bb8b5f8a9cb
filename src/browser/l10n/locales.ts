import { allLocales, sourceLocale } from './locale-codes.ts';

/** The UI's languages (lit-localize.json lists them; src/browser/l10n/locale-codes.ts follows). */
export type Locale = (typeof allLocales)[number];

/** Each language by its own name, as a reader who cannot read the current one looks for it. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  ru: 'Русский',
  uk: 'Українська',
  fa: 'فارسی',
  ar: 'العربية',
  kk: 'Қазақ тілі',
  ky: 'Кыргызча',
  tt: 'Татар теле',
  uz: 'Oʻzbekcha',
  az: 'Azərbaycan dili',
  ka: 'ქართული',
  hy: 'Հայերեն',
  be: 'Беларуская',
  ro: 'Română',
  'sr-Latn': 'Srpski',
  tg: 'Тоҷикӣ',
};

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set(['ar', 'fa']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (allLocales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

/**
 * The first of the reader's languages (navigator.languages, most wanted first) that the UI has,
 * matched on the language alone ("fa-IR" is Persian, "pt-BR" is nothing here); English otherwise.
 */
export function chooseLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(language)) return language;
  }
  return sourceLocale;
}
