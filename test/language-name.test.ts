import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelsFor, languageName } from '../src/l10n/format.ts';

test('an article’s language is named in the UI’s language', () => {
  assert.equal(languageName('en', 'en'), 'English');
  assert.equal(languageName('ru', 'en'), 'Russian');
  assert.equal(languageName('uk', 'ru'), 'украинский');
});

test('a language the page did not give, or a tag that is no tag, is not named (never "root")', () => {
  for (const tag of ['und', 'UND', 'und-Latn', 'root', '', 'no such tag!']) {
    assert.equal(languageName(tag, 'en'), undefined, `"${tag}"`);
  }
  assert.deepEqual(labelsFor([], ['und', 'en'], []).languages, { en: languageName('en') });
});
