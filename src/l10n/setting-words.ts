import { msg } from '@lit/localize';
import type { RestorableSetting, SettingChoice } from '../backup/read-backup.ts';
import type { LineSpacing, LineWidth, ReadingFont } from '../shared/reading-look.ts';
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

/** A reading face as the reader picks it. */
export function readingFontLabel(font: ReadingFont): string {
  switch (font) {
    case 'serif':
      return msg('Serif');
    case 'sans':
      return msg('Sans-serif');
    case 'readable':
      return msg('Atkinson Hyperlegible (easier to tell letters apart)');
  }
}

export function lineWidthLabel(width: LineWidth): string {
  switch (width) {
    case 'narrow':
      return msg('Narrow', { id: 'line-width-narrow' });
    case 'medium':
      return msg('Medium', { id: 'line-width-medium' });
    case 'wide':
      return msg('Wide', { id: 'line-width-wide' });
  }
}

export function lineSpacingLabel(spacing: LineSpacing): string {
  switch (spacing) {
    case 'compact':
      return msg('Compact', { id: 'line-spacing-compact' });
    case 'normal':
      return msg('Normal', { id: 'line-spacing-normal' });
    case 'relaxed':
      return msg('Relaxed', { id: 'line-spacing-relaxed' });
  }
}

/** A setting's name as Settings and a backup's review show it. */
export function settingName(key: RestorableSetting): string {
  switch (key) {
    case 'language':
      return msg('Language');
    case 'theme':
      return msg('Theme');
    case 'textScale':
      return msg('Text size');
    case 'readingFont':
      return msg('Font');
    case 'lineWidth':
      return msg('Line width');
    case 'lineSpacing':
      return msg('Line spacing');
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
    case 'readingFont':
      return [what, readingFontLabel(choice.value)];
    case 'lineWidth':
      return [what, lineWidthLabel(choice.value)];
    case 'lineSpacing':
      return [what, lineSpacingLabel(choice.value)];
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
