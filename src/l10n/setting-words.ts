import { msg } from '@lit/localize';
import type { SettingChoice } from '../backup/read-backup.ts';
import { formatPercent } from './format.ts';
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

/** A setting and its value as the reader reads them, for a restore to list: [what, value]. */
export function settingWords(choice: SettingChoice): [string, string] {
  switch (choice.key) {
    case 'language':
      return [msg('Language'), choice.value === '' ? msg('Same as the browser') : LANGUAGE_NAMES[choice.value]];
    case 'theme':
      return [msg('Theme'), themeLabel(choice.value)];
    case 'textScale':
      return [msg('Text size'), formatPercent(choice.value)];
    case 'feedProxy':
      return [msg('Feed proxy'), choice.value === '' ? msg('None: feeds are read directly') : choice.value];
    case 'ipfsGateways':
      return [msg('IPFS gateways'), choice.value.split('\n').join(', ')];
  }
}
