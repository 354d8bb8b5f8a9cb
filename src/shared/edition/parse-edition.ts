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
export class EditionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditionError';
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const ARTICLE_PATH = /^articles\/[0-9a-f]{64}\.html$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function webAddresses(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new EditionError(`${what}: its mirror list is not a list of addresses.`);
  for (const mirror of value) {
    let url: URL;
    try {
      url = new URL(mirror);
    } catch {
      throw new EditionError(`${what}: mirror “${mirror.slice(0, 80)}” is not an address.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EditionError(`${what}: mirror “${mirror.slice(0, 80)}” is not a web address.`);
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
  const what = 'The edition index';
  if (!isRecord(value) || value.format !== EDITION_FORMAT) throw new EditionError(`${what} is not a Pamphlet edition index.`);
  if (value.version !== EDITION_VERSION) throw new EditionError(`${what} uses version ${String(value.version)}, which this version of Pamphlet cannot read.`);
  const publisher = value.publisher;
  if (!isRecord(publisher) || typeof publisher.name !== 'string' || typeof publisher.key !== 'string') throw new EditionError(`${what} does not name its publisher and key.`);
  webAddresses(value.mirrors, what);
  if (!Number.isSafeInteger(value.sequence) || (value.sequence as number) < 1) throw new EditionError(`${what} has no sequence number.`);
  if (!isDate(value.created) || !isDate(value.expires)) throw new EditionError(`${what} lacks its creation or expiry time.`);
  if (!Array.isArray(value.articles) || !value.articles.every(isEntry)) throw new EditionError(`${what} lists an article it does not describe properly.`);
  const edition = value.edition;
  if (!isRecord(edition) || typeof edition.path !== 'string' || typeof edition.hash !== 'string' || !HEX64.test(edition.hash)) {
    throw new EditionError(`${what} does not describe its edition bundle.`);
  }
  const check = await checkJsonSignature(value, pinnedKey ?? publisher.key);
  if ('reason' in check) throw new EditionError(`${what} does not verify: ${check.reason}.`);
  if (publisher.key !== check.key) throw new EditionError(`${what} is signed by a key other than the one it names.`);
  return value as unknown as EditionIndex;
}

/** Checks a source descriptor: its form, and that the key it names signed it. */
export async function parseSourceDescriptor(value: unknown): Promise<SourceDescriptor> {
  const what = 'The source file';
  if (!isRecord(value) || value.format !== SOURCE_FORMAT) throw new EditionError(`${what} is not a Pamphlet source.`);
  if (value.version !== EDITION_VERSION) throw new EditionError(`${what} uses version ${String(value.version)}, which this version of Pamphlet cannot read.`);
  if (typeof value.name !== 'string' || value.name.trim() === '' || value.name.length > 300) throw new EditionError(`${what} does not name its publisher.`);
  if (typeof value.key !== 'string') throw new EditionError(`${what} does not give the publisher’s key.`);
  webAddresses(value.mirrors, what);
  const check = await checkJsonSignature(value, value.key);
  if ('reason' in check) throw new EditionError(`${what} does not verify: ${check.reason}.`);
  return value as unknown as SourceDescriptor;
}
