import { msg, str } from '@lit/localize';
import { gatewayList, gatewayProblem } from '../shared/ipfs/default-gateways.ts';
import { formatBytes } from '../l10n/format.ts';
import { MAX_IMPORT_BYTES } from '../import/import-limits.ts';
import { isLocale } from '../browser/l10n/locales.ts';
import { trustProblem } from '../publishers/trust-publisher.ts';
import { BundleError, type DecodedBundle } from '../shared/bundle/bundle-format.ts';
import { decodeBundle } from '../shared/bundle/decode-bundle.ts';
import type { EditionSource, FeedSource, ReadingState, Source } from '../shared/db-schema.ts';
import { MAX_MIRRORS } from '../shared/edition/edition-format.ts';
import { isMirrorAddress, isPublisherKey, isWebAddress } from '../shared/edition/parse-edition.ts';
import { fingerprintOf } from '../shared/signing.ts';
import { withoutHiddenCharacters } from '../shared/text/hidden-characters.ts';
import { restoredHighlights } from './restored-highlights.ts';
import { getSettings, READ_ALOUD_RATES, readAloudVoicesOf, TEXT_SCALES, THEMES, type Settings } from '../browser/storage/settings.ts';
import { MAX_COLLECTION_NAME } from '../browser/storage/reading.ts';
import { getSource } from '../browser/storage/sources.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';
import { BACKUP_FIELD, type LibraryBackup } from './backup-format.ts';
import { isLineSpacing, isLineWidth, isReadingFont } from '../shared/reading-look.ts';

/**
 * A backup is a file like any other: whoever made or edited it chose what is in it. So a restore
 * first reads it into a plan of what it would change, every value checked, and changes nothing
 * until the reader has seen the plan and chosen (restore-library.ts). Articles are checked as any
 * import checks them; trusting a key, following a source and each setting are the reader's choice,
 * one by one.
 */

/** A key the backup trusts, as the reader is shown it. */
export interface KeyChoice {
  key: string;
  name: string;
  fingerprint: string;
  /** Why it cannot be trusted under that name (the trust check's words); absent when it can. */
  problem?: string;
}

/** A source the backup follows: new here, or new mirrors for one followed already. */
export interface SourceChoice {
  source: Source;
  /** The mirrors (or the feed's address) whose hosts the reader would contact by following it. */
  hosts: string[];
  existing: boolean;
  /** An edition's key, as the reader compares it. */
  fingerprint?: string;
  /** Why it cannot be followed under that name (the trust check's words); absent when it can. */
  problem?: string;
}

/** A setting of the backup that differs from this library's. */
export type SettingChoice = { [K in RestorableSetting]: { key: K; value: Settings[K] } }[RestorableSetting];

/** Settings a backup may bring; the rest describe one copy of the library and stay where they are. */
const RESTORABLE_SETTINGS = [
  'language',
  'theme',
  'textScale',
  'readingFont',
  'lineWidth',
  'lineSpacing',
  'feedProxy',
  'ipfsGateways',
  'readAloudRate',
  'readAloudVoices',
] as const;
export type RestorableSetting = (typeof RESTORABLE_SETTINGS)[number];

export interface RestorePlan {
  fileName: string;
  decoded: DecodedBundle;
  /** Reading states (read, place, stars, collections), every field checked. */
  reading: ReadingState[];
  keys: KeyChoice[];
  sources: SourceChoice[];
  settings: SettingChoice[];
  /** Settings the backup holds with a value this version cannot take (of another type, or out of range): left as they are. */
  invalidSettings: RestorableSetting[];
}

function parseBackup(value: unknown): LibraryBackup {
  const backup = value as Partial<LibraryBackup> | undefined;
  if (!backup || backup.format !== 'pamphlet-library-backup') {
    throw new BundleError(msg('This file is a bundle of articles, not a library backup: use Import in the library to add its articles.'));
  }
  const version = String(backup.version);
  if (backup.version !== 1)
    throw new BundleError(msg(str`This backup is of version ${version}, which this version of Pamphlet cannot restore.`));
  if (
    !isRecordList(backup.sources) ||
    !isRecordList(backup.keys) ||
    !isRecordList(backup.reading) ||
    typeof backup.settings !== 'object' ||
    backup.settings === null
  ) {
    throw new BundleError(msg('This backup is damaged: its sources, keys, reading state or settings are missing.'));
  }
  return backup as LibraryBackup;
}

function isRecordList(value: unknown): value is Array<Record<string, unknown>> {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** More collections on one article than anyone keeps are cut (their names, as when they are made). */
const MAX_COLLECTIONS = 100;

/** A reading state from a backup, every field checked. */
function readingState(saved: Record<string, unknown>): ReadingState | undefined {
  if (typeof saved.articleId !== 'string' || !/^[0-9a-f]{64}$/.test(saved.articleId)) return undefined;
  const position = Number(saved.position);
  const tags = Array.isArray(saved.tags)
    ? [
        ...new Set(
          saved.tags
            .filter((tag): tag is string => typeof tag === 'string')
            .map((tag) => withoutHiddenCharacters(tag).trim().slice(0, MAX_COLLECTION_NAME))
            .filter(Boolean),
        ),
      ]
        .slice(0, MAX_COLLECTIONS)
        .sort((a, b) => a.localeCompare(b))
    : [];
  return {
    articleId: saved.articleId,
    read: saved.read === true,
    position: Number.isFinite(position) ? Math.min(1, Math.max(0, position)) : 0,
    // The clock of a backup is not trusted to be behind this one's: a time still to come counts as now.
    updatedAt: Math.min(Number(saved.updatedAt) || 0, Date.now()),
    ...(saved.starred === true ? { starred: true } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...restoredHighlights(saved.highlights),
  };
}

function hostsOf(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map((address) => new URL(address).host))];
}

/**
 * A source from a backup, rebuilt from the fields that mean something and checked as a source file
 * would be. What a sync learns (the last index number, mirror status) is not taken: an inflated
 * number would make every real index look replayed, so the first sync learns it again.
 */
async function sourceChoice(saved: Record<string, unknown>): Promise<SourceChoice | undefined> {
  const name = typeof saved.name === 'string' ? withoutHiddenCharacters(saved.name).trim().slice(0, 300) : '';
  if (!name) return undefined;
  const addedAt = Math.min(Number(saved.addedAt) || Date.now(), Date.now());
  if (saved.kind === 'edition' && isPublisherKey(saved.id)) {
    const mirrors = (Array.isArray(saved.mirrors) ? saved.mirrors : []).filter(isMirrorAddress).slice(0, MAX_MIRRORS);
    if (mirrors.length === 0) return undefined;
    const existing = await getSource(saved.id);
    if (existing?.kind === 'edition') {
      const added = mirrors.filter((mirror) => !existing.mirrors.includes(mirror));
      if (added.length === 0) return undefined;
      return {
        source: { ...existing, mirrors: [...existing.mirrors, ...added].slice(0, MAX_MIRRORS) },
        hosts: hostsOf(added),
        existing: true,
        fingerprint: await fingerprintOf(saved.id),
      };
    }
    if (existing) return undefined;
    // Named as its key is trusted here; otherwise its name must pass the trust check, as any followed publisher's does.
    const trusted = (await trustedKeys()).get(saved.id);
    const problem = trusted ? undefined : await trustProblem(saved.id, name);
    const source: EditionSource = { kind: 'edition', id: saved.id, name: trusted?.name ?? name, mirrors, addedAt, mirrorStatus: {} };
    return {
      source,
      hosts: hostsOf(mirrors),
      existing: false,
      fingerprint: await fingerprintOf(saved.id),
      ...(problem ? { problem } : {}),
    };
  }
  if (saved.kind === 'feed' && isWebAddress(saved.id) && !(await getSource(saved.id))) {
    const source: FeedSource = { kind: 'feed', id: saved.id, name, addedAt, mirrorStatus: {} };
    return { source, hosts: hostsOf([saved.id]), existing: false };
  }
  return undefined;
}

/** A setting from a backup, valid, as the reader would take it; undefined if it is not valid. */
function validSetting(key: RestorableSetting, value: unknown): SettingChoice | undefined {
  switch (key) {
    case 'language':
      return value === '' || isLocale(value) ? { key: 'language', value } : undefined;
    case 'theme':
      return THEMES.includes(value as Settings['theme']) ? { key: 'theme', value: value as Settings['theme'] } : undefined;
    case 'textScale':
      return TEXT_SCALES.includes(value as Settings['textScale']) ? { key: 'textScale', value: value as Settings['textScale'] } : undefined;
    // Only a name from its list: a backup's value never reaches a style as it came.
    case 'readingFont':
      return isReadingFont(value) ? { key: 'readingFont', value } : undefined;
    case 'lineWidth':
      return isLineWidth(value) ? { key: 'lineWidth', value } : undefined;
    case 'lineSpacing':
      return isLineSpacing(value) ? { key: 'lineSpacing', value } : undefined;
    case 'feedProxy':
      return typeof value === 'string' && value.length <= 2048 && (value === '' || /^https?:\/\/[^\s]*\{url\}/.test(value))
        ? { key: 'feedProxy', value }
        : undefined;
    case 'ipfsGateways':
      // Every line a gateway's plain web address, as Settings takes them; the reader still chooses.
      return typeof value === 'string' && value.length <= 16_384 && gatewayList(value).every((line) => !gatewayProblem(line))
        ? { key: 'ipfsGateways', value: gatewayList(value).join('\n') }
        : undefined;
    case 'readAloudRate':
      return READ_ALOUD_RATES.includes(value as Settings['readAloudRate'])
        ? { key: 'readAloudRate', value: value as Settings['readAloudRate'] }
        : undefined;
    case 'readAloudVoices': {
      const voices = readAloudVoicesOf(value);
      return voices ? { key: 'readAloudVoices', value: voices } : undefined;
    }
  }
}

/**
 * A setting from a backup: a choice if it is one a backup may bring, its value valid, and not
 * already so here; 'invalid' if its value is not one Settings takes.
 */
function settingChoice(key: string, value: unknown, current: Settings): SettingChoice | 'invalid' | undefined {
  if (!(RESTORABLE_SETTINGS as readonly string[]).includes(key)) return undefined;
  const choice = validSetting(key as RestorableSetting, value);
  if (!choice) return 'invalid';
  return JSON.stringify(current[choice.key]) === JSON.stringify(choice.value) ? undefined : choice;
}

/** Reads a backup file into what restoring it would change; stores nothing. */
export async function readBackup(file: File): Promise<RestorePlan> {
  if (file.size > MAX_IMPORT_BYTES * 8) {
    const [size, limit] = [formatBytes(file.size), formatBytes(MAX_IMPORT_BYTES * 8)];
    throw new BundleError(msg(str`This file is ${size}, over the ${limit} a backup may take.`));
  }
  const decoded = await decodeBundle(new Uint8Array(await file.arrayBuffer()));
  const backup = parseBackup(decoded.extensions[BACKUP_FIELD]);
  const trusted = await trustedKeys();
  const keys: KeyChoice[] = [];
  for (const saved of backup.keys as unknown as Array<Record<string, unknown>>) {
    if (
      !isPublisherKey(saved.key) ||
      typeof saved.name !== 'string' ||
      trusted.has(saved.key) ||
      keys.some((choice) => choice.key === saved.key)
    )
      continue;
    const problem = await trustProblem(saved.key, saved.name);
    keys.push({
      key: saved.key,
      name: saved.name.slice(0, 300),
      fingerprint: await fingerprintOf(saved.key),
      ...(problem ? { problem } : {}),
    });
  }
  const sources: SourceChoice[] = [];
  for (const saved of backup.sources as unknown as Array<Record<string, unknown>>) {
    const choice = await sourceChoice(saved);
    if (choice && !sources.some((other) => other.source.id === choice.source.id)) sources.push(choice);
  }
  const current = await getSettings();
  const settings: SettingChoice[] = [];
  const invalidSettings: RestorableSetting[] = [];
  for (const [key, value] of Object.entries(backup.settings)) {
    const choice = settingChoice(key, value, current);
    if (choice === 'invalid') invalidSettings.push(key as RestorableSetting);
    else if (choice) settings.push(choice);
  }
  const reading = (backup.reading as unknown as Array<Record<string, unknown>>).flatMap((saved) => readingState(saved) ?? []);
  return { fileName: file.name, decoded, reading, keys, sources, settings, invalidSettings };
}
