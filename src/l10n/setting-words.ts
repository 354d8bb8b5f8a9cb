import { msg } from '@lit/localize';
import type { RestorableSetting, SettingChoice } from '../backup/read-backup.ts';
import { formatPercent, languageName } from './format.ts';
import type { Theme } from '../browser/storage/settings.ts';
import { LANGUAGE_NAMES } from '../browser/l10n/locales.ts';

/** A theme as Settings names it. */
export function themeLabel(theme: Theme): string {
  switch (theme) {
    case 'system':
      return msg('Same as the device');
    case 'light':
      return msg('Light');
    case 'dark':
      return msg('Dark');
    case 'sepia':
      return msg('Sepia');
  }
}

/** A setting a backup may bring, as the reader knows it. */
export function settingName(key: RestorableSetting): string {
  switch (key) {
    case 'language':
      return msg('Language');
    case 'theme':
      return msg('Theme');
    case 'textScale':
      return msg('Text size');
    case 'feedProxy':
      return msg('Feed proxy');
    case 'ipfsGateways':
      return msg('IPFS gateways');
    case 'readAloudRate':
      return msg('Reading-aloud speed');
    case 'readAloudVoices':
      return msg('Reading-aloud voices');
  }
}

/** A setting and its value as the reader reads them, for a restore to list: [what, value]. */
export function settingWords(choice: SettingChoice): [string, string] {
  const what = settingName(choice.key);
  switch (choice.key) {
    case 'language':
      return [what, choice.value === '' ? msg('Same as the browser') : LANGUAGE_NAMES[choice.value]];
    case 'theme':
      return [what, themeLabel(choice.value)];
    case 'textScale':
      return [what, formatPercent(choice.value)];
    case 'feedProxy':
      return [what, choice.value === '' ? msg('None: feeds are read directly') : choice.value];
    case 'ipfsGateways':
      return [what, choice.value.split('\n').join(', ')];
    case 'readAloudRate':
      return [what, formatPercent(choice.value)];
    case 'readAloudVoices':
      return [
        what,
        Object.entries(choice.value)
          .map(([lang, voice]) => `${languageName(lang) || lang}: ${voice}`)
          .join(', '),
      ];
  }
}
