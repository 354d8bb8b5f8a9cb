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
  ps: 'پښتو',
  'fa-AF': 'دری',
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

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set(['ar', 'fa', 'fa-AF', 'ps']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (allLocales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

/**
 * Language codes a browser may send for a language the UI has under another tag: Dari's ISO
 * 639-3 code (Windows and Android in Afghanistan say "prs"), and the codes of Pashto's varieties.
 */
const SAME_LANGUAGE: Readonly<Record<string, string | undefined>> = {
  prs: 'fa-AF',
  pbt: 'ps',
  pbu: 'ps',
  pst: 'ps',
};

/**
 * The first of the reader's languages (most wanted first) that `available` has: the tag itself
 * or, dropping subtags from its end, the nearest it has ("sr-Latn-RS" is sr-Latn, "fa-IR" is fa,
 * "uz-Latn-UZ" is uz), matched without regard to case or "_"; else any of the same language, so
 * that a Serbian reader in Cyrillic ("sr", "sr-Cyrl") gets the Serbian there is. Undefined if none.
 */
export function bestLocale<L extends string>(preferred: readonly string[], available: readonly L[]): L | undefined {
  const byTag = new Map(available.map((locale) => [locale.toLowerCase(), locale]));
  for (const tag of preferred) {
    const given = tag.trim().toLowerCase().split(/[-_]/);
    const subtags = SAME_LANGUAGE[given[0] ?? '']?.toLowerCase().split('-') ?? given;
    const language = subtags[0] ?? '';
    for (let length = subtags.length; length > 0; length--) {
      const exact = byTag.get(subtags.slice(0, length).join('-'));
      if (exact) return exact;
    }
    const sameLanguage = available.find((locale) => locale.toLowerCase().split('-')[0] === language);
    if (sameLanguage) return sameLanguage;
  }
  return undefined;
}

/** The UI's language for the reader's languages (navigator.languages); English if it has none of them. */
export function chooseLocale(preferred: readonly string[]): Locale {
  return bestLocale(preferred, allLocales) ?? sourceLocale;
}
