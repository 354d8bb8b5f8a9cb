import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseLocale, directionOf, isLocale } from '../src/l10n/locales.ts';
import { TranslationProblem, localize, translationProblems } from '../scripts/localize.mjs';

const LOCALES = new URL('../locales/', import.meta.url);

test('the UI takes the first of the browser’s languages it has, matched on the language, else English', () => {
  assert.equal(chooseLocale(['fa-IR', 'en-US']), 'fa');
  assert.equal(chooseLocale(['pt-BR', 'uk_UA', 'ru']), 'uk');
  assert.equal(chooseLocale(['RU']), 'ru');
  assert.equal(chooseLocale(['de-DE', 'fr']), 'en');
  assert.equal(chooseLocale([]), 'en');
  assert.equal(directionOf('ar'), 'rtl');
  assert.equal(directionOf('fa'), 'rtl');
  assert.equal(directionOf('uk'), 'ltr');
  assert.equal(isLocale('tlh'), false);
});

test('the translations in locales/ are complete', () => {
  assert.deepEqual(translationProblems().problems, []);
});

test('a translation missing from one language stops the build, naming the language and the message', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pamphlet-locales-'));
  const out = await mkdtemp(join(tmpdir(), 'pamphlet-locale-modules-'));
  try {
    await cp(LOCALES, dir, { recursive: true });
    const persian = await readFile(join(dir, 'fa.xlf'), 'utf8');
    const unit = /<trans-unit id="([^"]+)">\s*<source>Skip to content<\/source>\s*<target>[^<]*<\/target>/.exec(persian);
    assert.ok(unit, 'the Persian translation of "Skip to content"');
    await writeFile(join(dir, 'fa.xlf'), persian.replace(unit[0], unit[0].replace(/\s*<target>[^<]*<\/target>/, '')));

    const { problems } = translationProblems({ xliffDir: dir });
    assert.deepEqual(problems, [`fa: message ${unit[1]} has no translation ("Skip to content")`]);
    await assert.rejects(localize({ xliffDir: dir, outputDir: out }), (error: unknown) => {
      assert.ok(error instanceof TranslationProblem);
      assert.match(error.message, new RegExp(`fa: message ${unit[1]} has no translation`));
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});
