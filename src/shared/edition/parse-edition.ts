import { ReaderError, type EditionFile, type Note } from '../note.ts';
import { checkJsonSignature } from '../signing.ts';
import {
  EDITION_FORMAT,
  EDITION_VERSION,
  SOURCE_FORMAT,
  type EditionEntry,
  type EditionIndex,
  type SourceDescriptor,
} from './edition-format.ts';

/** An edition index or source descriptor that cannot be used, with a reason for people. */
export class EditionError extends ReaderError {
  constructor(reason: Note | string) {
    super(reason);
    this.name = 'EditionError';
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const ARTICLE_PATH = /^articles\/[0-9a-f]{64}\.html$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function webAddresses(value: unknown, file: EditionFile): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new EditionError({ code: 'edition-mirrors-not-list', file });
  for (const mirror of value) {
    let url: URL;
    try {
      url = new URL(mirror);
    } catch {
      throw new EditionError({ code: 'edition-mirror-not-address', file, mirror: mirror.slice(0, 80) });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EditionError({ code: 'edition-mirror-not-web', file, mirror: mirror.slice(0, 80) });
  }
  return value;
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function isEntry(value: unknown): value is EditionEntry {
  if (!isRecord(value)) return false;
  return (
    typeof value.id === 'string' &&
    HEX64.test(value.id) &&
    Number.isSafeInteger(value.revision) &&
    typeof value.title === 'string' &&
    isDate(value.published) &&
    typeof value.path === 'string' &&
    ARTICLE_PATH.test(value.path) &&
    typeof value.hash === 'string' &&
    HEX64.test(value.hash) &&
    Number.isSafeInteger(value.size) &&
    (value.size as number) >= 0
  );
}

/**
 * Checks an edition index: its form, its signature, and (when given) that the signer is the key
 * the reader pinned. Expiry and sequence are the caller's to judge, against the time and the
 * sequence it has seen.
 */
export async function parseEditionIndex(value: unknown, pinnedKey?: string): Promise<EditionIndex> {
  const file = 'index';
  if (!isRecord(value) || value.format !== EDITION_FORMAT) throw new EditionError({ code: 'edition-not-index', file });
  if (value.version !== EDITION_VERSION) throw new EditionError({ code: 'edition-version', file, version: String(value.version).slice(0, 20) });
  const publisher = value.publisher;
  if (!isRecord(publisher) || typeof publisher.name !== 'string' || typeof publisher.key !== 'string') throw new EditionError({ code: 'edition-no-publisher', file });
  webAddresses(value.mirrors, file);
  if (!Number.isSafeInteger(value.sequence) || (value.sequence as number) < 1) throw new EditionError({ code: 'edition-no-sequence', file });
  if (!isDate(value.created) || !isDate(value.expires)) throw new EditionError({ code: 'edition-no-times', file });
  if (!Array.isArray(value.articles) || !value.articles.every(isEntry)) throw new EditionError({ code: 'edition-bad-entry', file });
  const edition = value.edition;
  if (!isRecord(edition) || typeof edition.path !== 'string' || typeof edition.hash !== 'string' || !HEX64.test(edition.hash)) {
    throw new EditionError({ code: 'edition-no-bundle', file });
  }
  const check = await checkJsonSignature(value, pinnedKey ?? publisher.key);
  if ('fault' in check) throw new EditionError({ code: 'edition-unverified', file, fault: check.fault });
  if (publisher.key !== check.key) throw new EditionError({ code: 'edition-other-key', file });
  return value as unknown as EditionIndex;
}

/** Checks a source descriptor: its form, and that the key it names signed it. */
export async function parseSourceDescriptor(value: unknown): Promise<SourceDescriptor> {
  const file = 'source';
  if (!isRecord(value) || value.format !== SOURCE_FORMAT) throw new EditionError({ code: 'edition-not-source', file });
  if (value.version !== EDITION_VERSION) throw new EditionError({ code: 'edition-version', file, version: String(value.version).slice(0, 20) });
  if (typeof value.name !== 'string' || value.name.trim() === '' || value.name.length > 300) throw new EditionError({ code: 'edition-no-name', file });
  if (typeof value.key !== 'string') throw new EditionError({ code: 'edition-no-key', file });
  webAddresses(value.mirrors, file);
  const check = await checkJsonSignature(value, value.key);
  if ('fault' in check) throw new EditionError({ code: 'edition-unverified', file, fault: check.fault });
  return value as unknown as SourceDescriptor;
}
