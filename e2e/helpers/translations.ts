import { readFileSync } from 'node:fs';
import { pluralRule } from '../../src/l10n/plural-rules.ts';
import { ROOT } from './app-server.ts';

/**
 * A language's words as its translator wrote them in locales/<locale>.xlf, so that a test expects
 * what the translation says, never what the app happened to show.
 */
export interface Translation {
  /** The translation of a message with no placeholders, found by its English text. */
  words(english: string): string;
  /** The translation of a message with no placeholders, by its msg() id: for an English text two messages share ("Import"). */
  byId(id: string): string;
  /** The translation of a message with placeholders, by its English text as the xlf writes it ("Deleted {0}."), filled in. */
  sentence(english: string, ...values: string[]): string;
  /** The form of a counted noun (the msg() ids `<family>.<category>`) the language uses for `count`, the number written as given. */
  count(family: string, count: number, written: string): string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(xml: string): string {
  return xml.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!);
}

/** A message's text with each placeholder written `{id}`. */
function withSlots(xml: string): string {
  return decode(xml.replace(/<x id="(\d+)"[^>]*\/>/g, '{$1}'));
}

function fill(text: string, values: readonly string[]): string {
  return text.replace(/\{(\d+)\}/g, (slot, index: string) => values[Number(index)] ?? slot);
}

export function translation(locale: string): Translation {
  const xliff = readFileSync(`${ROOT}locales/${locale}.xlf`, 'utf8');
  const byId = new Map<string, string>();
  const bySource = new Map<string, Set<string>>();
  for (const [, id = '', body = ''] of xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const source = withSlots(/<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '');
    const target = /<target(?: [^>]*)?>([\s\S]*?)<\/target>/.exec(body)?.[1];
    if (target === undefined) throw new Error(`${locale}: ${id} has no translation`);
    byId.set(id, withSlots(target));
    bySource.set(source, (bySource.get(source) ?? new Set()).add(withSlots(target)));
  }
  const only = (english: string): string => {
    const targets = [...(bySource.get(english) ?? [])];
    if (targets.length !== 1) throw new Error(`${locale}: ${targets.length} translations of "${english}"`);
    return targets[0]!;
  };
  return {
    words: only,
    byId(id) {
      const target = byId.get(id);
      if (target === undefined) throw new Error(`${locale}: no ${id}`);
      return target;
    },
    sentence: (english, ...values) => fill(only(english), values),
    count(family, count, written) {
      const id = `${family}.${pluralRule(locale).select(count)}`;
      const form = byId.get(id);
      if (form === undefined) throw new Error(`${locale}: no ${id}`);
      return fill(form, [written]);
    },
  };
}
