import { ReaderError, type EditionFile, type Note } from '../note.ts';
import { isIpfsMirrorAddress } from '../ipfs/ipfs-scheme.ts';
import { hiddenCharacterIn } from '../text/hidden-characters.ts';
import { checkJsonSignature } from '../signing.ts';
import {
  EDITION_FORMAT,
  EDITION_VERSION,
  MAX_ADDRESS_LENGTH,
  MAX_APPS,
  MAX_ARTICLE_FILE_BYTES,
  MAX_MIRRORS,
  MAX_PUBLISHER_NAME,
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
/** A raw Ed25519 public key in base64url: 32 bytes, 43 characters, no padding. */
const KEY = /^[A-Za-z0-9_-]{43}$/;

/** Whether `text` has the form of a publisher's key (it may still be anyone's). */
export function isPublisherKey(text: unknown): text is string {
  return typeof text === 'string' && KEY.test(text);
}
/** C0 and C1 controls: no name needs them. Hidden characters (hidden-characters.ts) are refused too. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const ARTICLE_PATH = /^articles\/[0-9a-f]{64}\.html$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `text` is an http(s) address of reasonable length: the only kind a reader follows. */
export function isWebAddress(text: unknown): text is string {
  if (typeof text !== 'string' || text.length > MAX_ADDRESS_LENGTH) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Whether `text` is an address a mirror may have: a web address, or a folder on IPFS (ipfs:// or ipns://). */
export function isMirrorAddress(text: unknown): text is string {
  return isWebAddress(text) || (typeof text === 'string' && isIpfsMirrorAddress(text));
}

function webAddresses(value: unknown, file: EditionFile): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new EditionError({ code: 'edition-mirrors-not-list', file });
  if (value.length > MAX_MIRRORS) throw new EditionError({ code: 'edition-too-many-mirrors', file, max: MAX_MIRRORS });
  for (const mirror of value) {
    if (isIpfsMirrorAddress(mirror)) continue;
    let url: URL;
    try {
      url = new URL(mirror);
    } catch {
      throw new EditionError({ code: 'edition-mirror-not-address', file, mirror: mirror.slice(0, 80) });
    }
    if (!isWebAddress(mirror)) throw new EditionError({ code: 'edition-mirror-not-web', file, mirror: url.href.slice(0, 80) });
  }
  return value;
}

/** A descriptor's `apps`, when it has one: at most MAX_APPS http(s) addresses. */
function checkApps(value: unknown, file: EditionFile): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new EditionError({ code: 'edition-apps-not-list', file });
  if (value.length > MAX_APPS) throw new EditionError({ code: 'edition-too-many-apps', file, max: MAX_APPS });
  for (const app of value) {
    // Taken before the check, which leaves nothing of a string that fails it to the type checker.
    const shown = app.slice(0, 80);
    if (!isWebAddress(app)) throw new EditionError({ code: 'edition-apps-not-web', file, app: shown });
  }
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
    (value.published === undefined || isDate(value.published)) &&
    typeof value.path === 'string' &&
    ARTICLE_PATH.test(value.path) &&
    typeof value.hash === 'string' &&
    HEX64.test(value.hash) &&
    Number.isSafeInteger(value.size) &&
    (value.size as number) >= 0 &&
    (value.size as number) <= MAX_ARTICLE_FILE_BYTES
  );
}

/** A version this code reads; one that is no number at all is damage, not a format from the future. */
function checkVersion(version: unknown, file: EditionFile): void {
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) throw new EditionError({ code: 'edition-no-version', file });
  if (version !== EDITION_VERSION) throw new EditionError({ code: 'edition-version', file, version: String(version).slice(0, 20) });
}

/**
 * Checks an edition index: its form, its signature, and (when given) that the signer is the key
 * the reader pinned. Expiry and sequence are the caller's to judge, against the time and the
 * sequence it has seen.
 */
export async function parseEditionIndex(value: unknown, pinnedKey?: string): Promise<EditionIndex> {
  const file = 'index';
  if (!isRecord(value) || value.format !== EDITION_FORMAT) throw new EditionError({ code: 'edition-not-index', file });
  checkVersion(value.version, file);
  const publisher = value.publisher;
  if (!isRecord(publisher) || typeof publisher.name !== 'string' || typeof publisher.key !== 'string')
    throw new EditionError({ code: 'edition-no-publisher', file });
  if (CONTROL_CHARACTERS.test(publisher.name) || hiddenCharacterIn(publisher.name))
    throw new EditionError({ code: 'edition-bad-name', file, max: MAX_PUBLISHER_NAME });
  webAddresses(value.mirrors, file);
  if (!Number.isSafeInteger(value.sequence) || (value.sequence as number) < 1)
    throw new EditionError({ code: 'edition-no-sequence', file });
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

/**
 * Checks a source descriptor, from a publisher's folder (`source`) or carried in a bundle
 * (`publisher`): every field's kind, size and form, and that the key it names signed it. Unknown
 * fields are kept (the signature covers them) and unused.
 */
export async function parseSourceDescriptor(value: unknown, file: EditionFile = 'source'): Promise<SourceDescriptor> {
  if (!isRecord(value) || value.format !== SOURCE_FORMAT) throw new EditionError({ code: 'edition-not-source', file });
  checkVersion(value.version, file);
  if (typeof value.name !== 'string' || value.name.trim() === '') throw new EditionError({ code: 'edition-no-name', file });
  if (value.name.length > MAX_PUBLISHER_NAME || CONTROL_CHARACTERS.test(value.name) || hiddenCharacterIn(value.name))
    throw new EditionError({ code: 'edition-bad-name', file, max: MAX_PUBLISHER_NAME });
  if (typeof value.key !== 'string' || !KEY.test(value.key)) throw new EditionError({ code: 'edition-no-key', file });
  webAddresses(value.mirrors, file);
  if (value.sequence !== undefined && (!Number.isSafeInteger(value.sequence) || (value.sequence as number) < 1))
    throw new EditionError({ code: 'edition-no-sequence', file });
  if (value.app !== undefined && !isWebAddress(value.app)) throw new EditionError({ code: 'edition-app-not-web', file });
  checkApps(value.apps, file);
  const check = await checkJsonSignature(value, value.key);
  if ('fault' in check)
    throw new EditionError(
      check.fault === 'other-key' ? { code: 'edition-other-key', file } : { code: 'edition-unverified', file, fault: check.fault },
    );
  return value as unknown as SourceDescriptor;
}
