import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract, translationProblems } from '../scripts/localize.mjs';
import { intlKnowsPluralsOf, knowsPluralsOf, pluralRule } from '../src/l10n/plural-rules.ts';
import { targetLocales } from '../src/browser/l10n/locale-codes.ts';

/**
 * What the translations in locales/*.xlf must keep beyond what the build checks: the marker of a
 * machine-made translation, every placeholder, and a form for each plural category a language uses.
 */

const LOCALES = new URL('../locales/', import.meta.url);
const MACHINE_MADE = 'state="needs-review-translation"';

interface Unit {
  id: string;
  source: string;
  target: string | undefined;
}

function unitsOf(xliff: string): Unit[] {
  return [...xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id = '', body = '']) => ({
    id,
    source: /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '',
    target: /<target(?: [^>]*)?>([\s\S]*?)<\/target>/.exec(body)?.[1],
  }));
}

function unitsOfLocale(locale: string): Unit[] {
  return unitsOf(readFileSync(new URL(`${locale}.xlf`, LOCALES), 'utf8'));
}

/**
 * The placeholders of a message's text by id, sorted: the id is what the build puts the value by
 * (a target's equiv-text is only a note, and extract refreshes the source's alone).
 */
function placeholders(text: string): string[] {
  return [...text.matchAll(/<x id="([^"]*)"[^>]*\/>/g)].map(([, id = '']) => id).sort();
}

/** The forms of a count that stand for one number alone, and so may say it in words (see scripts/localize.mjs). */
const NUMBER_MAY_GO = /\.(zero|one|two)$/;
const PLURAL_ID = /^(.+)\.(zero|one|two|few|many|other)$/;

test('extract keeps the machine-made marker on a translation, and the build reads the marked one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pamphlet-locales-'));
  try {
    await cp(LOCALES, dir, { recursive: true });
    const persian = await readFile(join(dir, 'fa.xlf'), 'utf8');
    const unit = /<trans-unit id="[^"]+">\s*<source>Skip to content<\/source>\s*<target>/.exec(persian);
    assert.ok(unit, 'the Persian translation of "Skip to content"');
    const marked = unit[0].replace(/<target>$/, `<target ${MACHINE_MADE}>`);
    await writeFile(join(dir, 'fa.xlf'), persian.replace(unit[0], marked));
    const markersBefore = new Map<string, number>();
    for (const locale of targetLocales) {
      markersBefore.set(locale, (await readFile(join(dir, `${locale}.xlf`), 'utf8')).split(MACHINE_MADE).length - 1);
    }

    await extract({ xliffDir: dir });

    assert.ok((await readFile(join(dir, 'fa.xlf'), 'utf8')).includes(marked));
    for (const locale of targetLocales) {
      const markers = (await readFile(join(dir, `${locale}.xlf`), 'utf8')).split(MACHINE_MADE).length - 1;
      assert.equal(markers, markersBefore.get(locale), `${locale}: the machine-made markers after extract`);
    }
    assert.deepEqual(translationProblems({ xliffDir: dir }).problems, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every translation keeps its source’s placeholders, and invents none', () => {
  const wrong: string[] = [];
  for (const locale of targetLocales) {
    for (const { id, source, target } of unitsOfLocale(locale)) {
      if (target === undefined) continue;
      const expected = placeholders(source);
      const found = placeholders(target);
      const fits = NUMBER_MAY_GO.test(id) ? found.every((x) => expected.includes(x)) : found.join() === expected.join();
      if (!fits) wrong.push(`${locale} ${id}: ${found.join(' ') || 'none'} where the source has ${expected.join(' ') || 'none'}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the placeholder check fails a translation that drops or invents one', () => {
  const source = '<x id="0" equiv-text="${n}"/> articles';
  assert.notDeepEqual(placeholders('статьи'), placeholders(source));
  assert.notDeepEqual(placeholders('<x id="0" equiv-text="${n}"/> <x id="1" equiv-text="${m}"/> статьи'), placeholders(source));
  assert.deepEqual(placeholders('статьи <x id="0" equiv-text="${n}"/>'), placeholders(source));
});

/** Whether more than one whole number falls in a category: then its form must show the number. */
function standsForManyNumbers(locale: string, category: Intl.LDMLPluralRule): boolean {
  const rule = pluralRule(locale);
  let numbers = 0;
  for (let count = 0; count <= 1000 && numbers < 2; count++) if (rule.select(count) === category) numbers++;
  return numbers > 1;
}

test('each language has a real form for every plural category it uses, with the number where it stands for more than one', () => {
  const wrong: string[] = [];
  for (const locale of targetLocales) {
    const units = new Map(unitsOfLocale(locale).map((unit) => [unit.id, unit]));
    const families = new Set([...units.keys()].flatMap((id) => PLURAL_ID.exec(id)?.[1] ?? []));
    assert.ok(families.size > 0, `${locale}: counted messages`);
    for (const family of families) {
      for (const category of pluralRule(locale).categories) {
        const unit = units.get(`${family}.${category}`);
        const target = unit?.target?.replace(/<x [^>]*\/>/g, '').trim();
        if (!unit || !target) wrong.push(`${locale} ${family}.${category}: no translation`);
        else if (standsForManyNumbers(locale, category) && placeholders(unit.target ?? '').join() !== placeholders(unit.source).join()) {
          wrong.push(`${locale} ${family}.${category}: stands for many numbers but does not say which`);
        }
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test('a language Intl has no plural rules for takes CLDR’s, not English’s', () => {
  assert.equal(intlKnowsPluralsOf('tg'), false, 'Intl learnt Tajik: the table in plural-rules.ts may go');
  assert.deepEqual(pluralRule('tg').categories, ['other']);
  assert.equal(pluralRule('tt').select(1), 'other');
  assert.equal(pluralRule('tt').select(5), 'other');
  assert.equal(knowsPluralsOf('tt'), true);
  assert.equal(knowsPluralsOf('tlh'), false, 'Klingon: Intl answers with English’s rules, and the table has none');
  for (const locale of targetLocales)
    assert.ok(knowsPluralsOf(locale), `${locale}: no plural rules of its own (add CLDR's to plural-rules.ts)`);
});

test('a region-tagged language (Dari, fa-AF) has its language’s plural rules', () => {
  assert.equal(intlKnowsPluralsOf('fa-AF'), true);
  assert.deepEqual([...pluralRule('fa-AF').categories].sort(), ['one', 'other']);
  assert.equal(pluralRule('fa-AF').select(0), 'one');
  assert.equal(pluralRule('fa-AF').select(2), 'other');
  assert.equal(pluralRule('uk').select(22), 'few');
});

test('a plain-text translation shows characters, not the XML escapes of its XLIFF ("<CID>", not "&lt;CID&gt;")', async () => {
  const folder = new URL('../src/generated/locales/', import.meta.url);
  for (const file of await readdir(folder)) {
    const code = await readFile(new URL(file, folder), 'utf8');
    const plain = [...code.matchAll(/': (?:str)?`((?:[^`\\]|\\.)*)`/g)].map((match) => match[1]!);
    assert.ok(plain.length > 100, `${file}: its plain-text messages are found`);
    const escaped = plain.filter((message) => /&(lt|gt|amp|quot|apos);/.test(message));
    assert.deepEqual(escaped, [], `${file}: plain-text messages with XML escapes`);
  }
  assert.match(await readFile(new URL('ru.ts', folder), 'utf8'), /https:\/\/<CID>\.ipfs\./);
});
