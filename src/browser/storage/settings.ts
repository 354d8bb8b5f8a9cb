import { isLocale, type Locale } from '../l10n/locales.ts';
import { base64UrlToBytes, bytesToBase64Url } from '../../shared/base64.ts';
import { database } from './database.ts';
import { DEFAULT_GATEWAYS } from '../../shared/ipfs/default-gateways.ts';
import { ADDRESS_SECRET, FIRST_SCREEN } from './record-kinds.ts';
import { isSealedRecord, listRecordsByKey, openRecord, putRecord } from './sealed-records.ts';
import { currentKeys, recordCodec } from './vault.ts';
import {
  isLineSpacing,
  isLineWidth,
  isReadingFont,
  type LineSpacing,
  type LineWidth,
  type ReadingFont,
} from '../../shared/reading-look.ts';

export { FIRST_SCREEN };

export type Theme = 'system' | 'light' | 'dark' | 'sepia';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark', 'sepia'];

/** Text size as a share of the default, from small phones' comfort to low-vision reading. */
export const TEXT_SCALES = [0.875, 1, 1.125, 1.25, 1.5, 1.75] as const;
export type TextScale = (typeof TEXT_SCALES)[number];

/** Speeds of reading aloud, as a share of the voice's own. */
export const READ_ALOUD_RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
export type ReadAloudRate = (typeof READ_ALOUD_RATES)[number];
/** Voices chosen for reading aloud: a voice's `voiceURI` by language's primary subtag ("en", "ar"). */
export type ReadAloudVoices = Record<string, string>;

/** A chosen-voices map as stored or restored: plain language subtags to voice names of sane length, or undefined. */
export function readAloudVoicesOf(value: unknown): ReadAloudVoices | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 100) return undefined;
  const valid = entries.every(
    ([lang, voice]) => /^[a-z]{2,8}$/.test(lang) && typeof voice === 'string' && voice.length > 0 && voice.length <= 500,
  );
  return valid ? (Object.fromEntries(entries) as ReadAloudVoices) : undefined;
}

export interface Settings {
  /** The UI's language; '' (the default, and what stores from before it was a setting hold) follows the browser's. */
  language: Locale | '';
  theme: Theme;
  textScale: TextScale;
  /** The reading look (src/shared/reading-look.ts): sealed with the lock on (record-kinds.ts). */
  readingFont: ReadingFont;
  lineWidth: LineWidth;
  lineSpacing: LineSpacing;
  /** Set once the built-in sample has been offered, so deleting it later does not bring it back. */
  sampleLoaded: boolean;
  /**
   * A proxy for feeds that do not allow other sites to read them: an address with `{url}` where
   * the feed's address goes. Empty: feeds are read directly.
   */
  feedProxy: string;
  /**
   * The IPFS gateways mirrors at ipfs:// and ipns:// addresses are read through, one address per
   * line, in the order asked; no other gateway is ever asked (src/shared/ipfs/default-gateways.ts).
   */
  ipfsGateways: string;
  /** The reader was asked, once, to let the browser keep the library. */
  persistenceAsked: boolean;
  /** When the last backup was made, and how many articles the library held then. */
  lastBackupAt: number;
  lastBackupArticles: number;
  /** How fast articles are read aloud (pamphlet-read-aloud.ts). */
  readAloudRate: ReadAloudRate;
  /** The voice the reader chose for each language they listened to. */
  readAloudVoices: ReadAloudVoices;
}

export const DEFAULT_SETTINGS: Settings = {
  language: '',
  theme: 'system',
  textScale: 1,
  readingFont: 'serif',
  lineWidth: 'medium',
  lineSpacing: 'normal',
  sampleLoaded: false,
  feedProxy: '',
  ipfsGateways: DEFAULT_GATEWAYS.join('\n'),
  persistenceAsked: false,
  lastBackupAt: 0,
  lastBackupArticles: 0,
  readAloudRate: 1,
  readAloudVoices: {},
};

/** A stored value as it is; a sealed one opened if the keys are at hand, else undefined. */
async function opened(key: string, value: unknown): Promise<unknown> {
  if (!isSealedRecord(value)) return value;
  const keys = currentKeys();
  if (!keys) return undefined;
  return openRecord(await recordCodec(), 'settings', key, value);
}

/**
 * Stored settings over the defaults; a value from an older or damaged store falls back. While the
 * library is locked, the sealed ones read as their defaults.
 */
export async function getSettings(): Promise<Settings> {
  const db = await database();
  const tx = db.transaction('settings');
  const [
    language,
    theme,
    textScale,
    sampleLoaded,
    sealedFeedProxy,
    sealedGateways,
    persistenceAsked,
    lastBackupAt,
    lastBackupArticles,
    sealedRate,
    sealedVoices,
  ] = await Promise.all([
    tx.store.get('language'),
    tx.store.get('theme'),
    tx.store.get('textScale'),
    tx.store.get('sampleLoaded'),
    tx.store.get('feedProxy'),
    tx.store.get('ipfsGateways'),
    tx.store.get('persistenceAsked'),
    tx.store.get('lastBackupAt'),
    tx.store.get('lastBackupArticles'),
    tx.store.get('readAloudRate'),
    tx.store.get('readAloudVoices'),
  ]);
  const look = await Promise.all([tx.store.get('readingFont'), tx.store.get('lineWidth'), tx.store.get('lineSpacing')]);
  const [readingFont, lineWidth, lineSpacing] = await Promise.all(
    (['readingFont', 'lineWidth', 'lineSpacing'] as const).map((key, at) => opened(key, look[at])),
  );
  const feedProxy = await opened('feedProxy', sealedFeedProxy);
  const ipfsGateways = await opened('ipfsGateways', sealedGateways);
  const readAloudRate = await opened('readAloudRate', sealedRate);
  const readAloudVoices = readAloudVoicesOf(await opened('readAloudVoices', sealedVoices));
  const count = (value: unknown) => (Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : 0);
  return {
    language: isLocale(language) ? language : DEFAULT_SETTINGS.language,
    theme: THEMES.includes(theme as Theme) ? (theme as Theme) : DEFAULT_SETTINGS.theme,
    textScale: TEXT_SCALES.includes(textScale as TextScale) ? (textScale as TextScale) : DEFAULT_SETTINGS.textScale,
    readingFont: isReadingFont(readingFont) ? readingFont : DEFAULT_SETTINGS.readingFont,
    lineWidth: isLineWidth(lineWidth) ? lineWidth : DEFAULT_SETTINGS.lineWidth,
    lineSpacing: isLineSpacing(lineSpacing) ? lineSpacing : DEFAULT_SETTINGS.lineSpacing,
    sampleLoaded: sampleLoaded === true,
    feedProxy: typeof feedProxy === 'string' ? feedProxy : DEFAULT_SETTINGS.feedProxy,
    // The defaults only when the reader never saved a list: a saved one that cannot be opened
    // (sealed, the library locked) is no gateway at all, so that none the reader removed is asked.
    ipfsGateways: typeof ipfsGateways === 'string' ? ipfsGateways : sealedGateways === undefined ? DEFAULT_SETTINGS.ipfsGateways : '',
    persistenceAsked: persistenceAsked === true,
    lastBackupAt: count(lastBackupAt),
    lastBackupArticles: count(lastBackupArticles),
    readAloudRate: READ_ALOUD_RATES.includes(readAloudRate as ReadAloudRate)
      ? (readAloudRate as ReadAloudRate)
      : DEFAULT_SETTINGS.readAloudRate,
    readAloudVoices: readAloudVoices ?? DEFAULT_SETTINGS.readAloudVoices,
  };
}

export async function saveSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  await putSetting(key, value);
}

/** Stores any setting (a restored backup's), sealed if it is one that the lock seals. */
export function putSetting(key: string, value: unknown): Promise<void> {
  return putRecord('settings', value, { key });
}

/** Every stored setting, opened, for a backup. */
export async function allSettings(): Promise<Record<string, unknown>> {
  return Object.fromEntries(await listRecordsByKey('settings'));
}

/** This library's address secret, made on first use: random, never backed up, gone with a wipe. */
export async function addressSecret(): Promise<Uint8Array> {
  const stored = await opened(ADDRESS_SECRET, await (await database()).get('settings', ADDRESS_SECRET));
  // Kept as base64url text: a sealed value travels as JSON.
  if (typeof stored === 'string' && /^[A-Za-z0-9_-]{43}$/.test(stored)) return base64UrlToBytes(stored);
  const secret = crypto.getRandomValues(new Uint8Array(32));
  await putSetting(ADDRESS_SECRET, bytesToBase64Url(secret));
  return secret;
}

/** One stored setting as it is kept (opened, if sealed and the keys are at hand), for values Settings does not list. */
export async function readSetting(key: string): Promise<unknown> {
  return opened(key, await (await database()).get('settings', key));
}

/** Stores a setting without waiting for the disk: for what can be made again (the first screen's copy). */
export function putSettingLightly(key: string, value: unknown): Promise<void> {
  return putRecord('settings', value, { key, durable: false });
}
