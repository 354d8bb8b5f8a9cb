import { uiLocale } from './localization.ts';
import { pluralRule, type PluralRule } from './plural-rules.ts';

/**
 * One message per plural category (zero, one, two, few, many, other), each its own msg() call
 * with an id ending in the category: English has two forms, Russian and Ukrainian four, Arabic
 * six, Tajik one, and a language's translator fills in each. Forms a language never uses are
 * never shown.
 */
export type PluralForms = Record<Intl.LDMLPluralRule, () => string>;

const rules = new Map<string, PluralRule>();

/** The form of `forms` that the UI's language uses for `count`. */
export function plural(count: number, forms: PluralForms): string {
  const locale = uiLocale();
  let rule = rules.get(locale);
  if (!rule) {
    rule = pluralRule(locale);
    rules.set(locale, rule);
  }
  return forms[rule.select(count)]();
}
