import { database } from './database.ts';

export type Theme = 'system' | 'light' | 'dark' | 'sepia';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark', 'sepia'];

/** Text size as a share of the default, from small phones' comfort to low-vision reading. */
export const TEXT_SCALES = [0.875, 1, 1.125, 1.25, 1.5, 1.75] as const;
export type TextScale = (typeof TEXT_SCALES)[number];

export interface Settings {
  theme: Theme;
  textScale: TextScale;
  /** Set once the built-in sample has been offered, so deleting it later does not bring it back. */
  sampleLoaded: boolean;
  /**
   * A proxy for feeds that do not allow other sites to read them: an address with `{url}` where
   * the feed's address goes. Empty: feeds are read directly.
   */
  feedProxy: string;
}

export const DEFAULT_SETTINGS: Settings = { theme: 'system', textScale: 1, sampleLoaded: false, feedProxy: '' };

/** Stored settings over the defaults; a value from an older or damaged store falls back. */
export async function getSettings(): Promise<Settings> {
  const db = await database();
  const tx = db.transaction('settings');
  const [theme, textScale, sampleLoaded, feedProxy] = await Promise.all([
    tx.store.get('theme'),
    tx.store.get('textScale'),
    tx.store.get('sampleLoaded'),
    tx.store.get('feedProxy'),
  ]);
  return {
    theme: THEMES.includes(theme as Theme) ? (theme as Theme) : DEFAULT_SETTINGS.theme,
    textScale: TEXT_SCALES.includes(textScale as TextScale)
      ? (textScale as TextScale)
      : DEFAULT_SETTINGS.textScale,
    sampleLoaded: sampleLoaded === true,
    feedProxy: typeof feedProxy === 'string' ? feedProxy : DEFAULT_SETTINGS.feedProxy,
  };
}

export async function saveSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  await (await database()).put('settings', value, key);
}
