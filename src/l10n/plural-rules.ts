/**
 * The plural rules of a UI language, from Intl, except for the languages whose rules the ICU in
 * Chromium and Node lacks: for those, Intl answers with English's rules (`new
 * Intl.PluralRules('tg').resolvedOptions().locale` is "en-US"), which would pick a form by a rule
 * that is not the language's.
 *
 * CLDR itself has no plural rules for Tajik and Tatar (cldr-core 48's plurals.json lists neither),
 * so CLDR's root rule applies: one form, "other", for every number. That is their grammar: a noun
 * after a numeral stays singular (Tajik "5 мақола", Tatar "5 мәкалә"), so one form says any count.
 */
const CLDR_CATEGORIES_INTL_LACKS: Readonly<Record<string, readonly Intl.LDMLPluralRule[]>> = {
  tg: ['other'],
  tt: ['other'],
};

export interface PluralRule {
  /** The categories the language uses, each a form its translator writes. */
  readonly categories: readonly Intl.LDMLPluralRule[];
  select(count: number): Intl.LDMLPluralRule;
}

function languageOf(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? '';
}

/** Whether Intl has the language's own plural rules (not a fallback to another language's). */
export function intlKnowsPluralsOf(locale: string): boolean {
  return languageOf(new Intl.PluralRules(locale).resolvedOptions().locale) === languageOf(locale);
}

/** Whether `pluralRule` has the language's own rules, from Intl or from the table above, rather than English's. */
export function knowsPluralsOf(locale: string): boolean {
  return intlKnowsPluralsOf(locale) || languageOf(locale) in CLDR_CATEGORIES_INTL_LACKS;
}

export function pluralRule(locale: string): PluralRule {
  const table = CLDR_CATEGORIES_INTL_LACKS[languageOf(locale)];
  if (table && !intlKnowsPluralsOf(locale)) {
    // Every language in the table has the root rule alone; a language with more forms would need its rule here.
    return { categories: table, select: () => 'other' };
  }
  const rules = new Intl.PluralRules(locale);
  return { categories: rules.resolvedOptions().pluralCategories, select: (count) => rules.select(count) };
}
