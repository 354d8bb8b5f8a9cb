import { nameInFolder } from '../browser/app-folder.ts';
import { configureLocalization, type LocaleModule } from '@lit/localize';
import { sourceLocale, targetLocales } from '../browser/l10n/locale-codes.ts';
import { chooseLocale, directionOf, isLocale, type Locale } from '../browser/l10n/locales.ts';

type TargetLocale = (typeof targetLocales)[number];

/**
 * Each translation is a chunk of its own, fetched only by the readers who use it (and precached
 * by the service worker, so that every language works offline); English is in the main bundle.
 */
const LOADERS: Record<TargetLocale, () => Promise<LocaleModule>> = {
  ar: () => import('../generated/locales/ar.ts'),
  az: () => import('../generated/locales/az.ts'),
  be: () => import('../generated/locales/be.ts'),
  'fa-AF': () => import('../generated/locales/fa-AF.ts'),
  fa: () => import('../generated/locales/fa.ts'),
  hy: () => import('../generated/locales/hy.ts'),
  ka: () => import('../generated/locales/ka.ts'),
  kk: () => import('../generated/locales/kk.ts'),
  ky: () => import('../generated/locales/ky.ts'),
  ps: () => import('../generated/locales/ps.ts'),
  ro: () => import('../generated/locales/ro.ts'),
  ru: () => import('../generated/locales/ru.ts'),
  'sr-Latn': () => import('../generated/locales/sr-Latn.ts'),
  tg: () => import('../generated/locales/tg.ts'),
  tt: () => import('../generated/locales/tt.ts'),
  uk: () => import('../generated/locales/uk.ts'),
  uz: () => import('../generated/locales/uz.ts'),
};

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => LOADERS[locale as TargetLocale](),
});

/**
 * The reader's choice, mirrored from the settings store into localStorage: read synchronously at
 * start, it lets the first screen be drawn in the right language without waiting for IndexedDB.
 */
const CHOICE_KEY = nameInFolder('pamphlet:language');

function storedChoice(): Locale | '' {
  try {
    const value = localStorage.getItem(CHOICE_KEY);
    return isLocale(value) ? value : '';
  } catch {
    return '';
  }
}

/** The UI's language now: what msg(), Intl and `<html lang>` use. */
export function uiLocale(): Locale {
  const locale = getLocale();
  return isLocale(locale) ? locale : sourceLocale;
}

/** The language a choice means: the reader's pick, or (none made) the browser's best match. */
export function localeFor(choice: Locale | ''): Locale {
  return choice || chooseLocale(navigator.languages ?? [navigator.language]);
}

let applied: Promise<void> | undefined;

async function apply(locale: Locale): Promise<void> {
  try {
    await setLocale(locale);
  } catch {
    // The translation's chunk could not be fetched (a new version was deployed since this tab
    // opened, and this one is not precached): the UI stays in the language it has.
  }
  const root = document.documentElement;
  root.lang = uiLocale();
  root.dir = directionOf(uiLocale());
}

/** Loads the UI's language at start; resolves once it is in place (or could not be). */
export function startLocalization(): Promise<void> {
  applied ??= apply(localeFor(storedChoice()));
  return applied;
}

/**
 * Switches the UI to the language of a choice ('' follows the browser), at once and without a
 * reload: every @localized element re-renders, `<html lang>` and `<html dir>` follow.
 */
export function useLanguage(choice: Locale | ''): Promise<void> {
  try {
    if (choice) localStorage.setItem(CHOICE_KEY, choice);
    else localStorage.removeItem(CHOICE_KEY);
  } catch {
    // No localStorage: the settings store still has the choice; the next start reads it late.
  }
  applied = apply(localeFor(choice));
  return applied;
}
