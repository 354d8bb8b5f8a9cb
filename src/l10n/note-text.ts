import { msg, str } from '@lit/localize';
import { formatNumber } from './format.ts';
import type { ArticleDefect, ArticleField, EditionFile, IpnsRefusal, Note, SignatureFault } from '../shared/note.ts';
import { itemCount } from './counts.ts';

/**
 * Shared code's notes (src/shared/note.ts) in the UI's language. The English of each msg() here is
 * the English of `englishNote`, word for word (test/localization.test.ts holds them together).
 */

function fieldName(field: ArticleField): string {
  switch (field) {
    case 'guid':
      return msg('guid', { id: 'field.guid' });
    case 'title':
      return msg('title', { id: 'field.title' });
    case 'language':
      return msg('language', { id: 'field.language' });
    case 'publication date':
      return msg('publication date', { id: 'field.published' });
    case 'content':
      return msg('content', { id: 'field.content' });
    case 'byline':
      return msg('byline', { id: 'field.byline' });
    case 'address':
      return msg('address', { id: 'field.address' });
    case 'summary':
      return msg('summary', { id: 'field.summary' });
    case 'publisher name':
      return msg('publisher name', { id: 'field.publisher-name' });
    case 'publisher’s address':
      return msg('publisher’s address', { id: 'field.publisher-address' });
  }
}

function defectText(defect: ArticleDefect): string {
  switch (defect.code) {
    case 'not-object':
      return msg('it is not an object');
    case 'bad-id':
      return msg('its id is not 64 hexadecimal digits');
    case 'bad-revision':
      return msg('its revision is not a whole number from 1 up');
    case 'bad-direction':
      return msg('its direction is neither ltr nor rtl');
    case 'no-publisher':
      return msg('its publisher has no name');
    case 'bad-date':
      return msg('its publication date is not an ISO 8601 date');
  }
  if (defect.code === 'too-deep') {
    const max = formatNumber(defect.max);
    return msg(str`its content nests elements more than ${max} deep, far past any article`);
  }
  if (defect.code === 'bad-language') {
    const value = defect.value;
    return msg(str`its language “${value}” is not a language tag`);
  }
  const field = fieldName(defect.field);
  switch (defect.code) {
    case 'missing':
      return msg(str`its ${field} is missing`);
    case 'not-text':
      return msg(str`its ${field} is not text`);
    case 'control-characters':
      return msg(str`its ${field} holds control characters`);
    case 'hidden-characters': {
      const character = defect.character;
      return msg(str`its ${field} holds a hidden character (${character}) that can make text read as something else`);
    }
    case 'not-web-address':
      return msg(str`its ${field} is not a web address`);
    case 'too-long': {
      const max = formatNumber(defect.max);
      return msg(str`its ${field} is longer than ${max} characters`);
    }
  }
}

export function signatureFaultText(fault: SignatureFault): string {
  switch (fault) {
    case 'id-mismatch':
      return msg('its id does not match its content, so it was changed after it was made');
    case 'not-ed25519-article':
      return msg('its signature is not an Ed25519 signature this version can check');
    case 'malformed':
      return msg('its signature or key is malformed');
    case 'id-not-signer':
      return msg('its id does not belong to its signer and guid');
    case 'forged':
      return msg('its signature does not match its content: it was changed after it was signed, or forged');
    case 'not-ed25519':
      return msg('it is not signed with Ed25519');
    case 'other-key':
      return msg('it is signed by another key');
    case 'mismatch':
      return msg('its signature does not match its content');
  }
}

/** A note about a bundle, a link or a QR code; undefined for notes of other kinds. */
function bundleText(note: Note): string | undefined {
  switch (note.code) {
    case 'bundle-truncated':
      return msg('This bundle is cut short: its data is missing. The file may be truncated.');
    case 'bundle-unterminated':
      return msg('This bundle is cut short: its data does not end. The file may be truncated.');
    case 'not-a-bundle':
      return msg('This file is not a Pamphlet bundle: it holds no bundle data.');
    case 'bundle-not-json':
      return msg('This bundle is damaged: its data is not valid JSON.');
    case 'bundle-other-format':
      return msg('This file is not a Pamphlet bundle: its data names another format.');
    case 'bundle-empty':
      return msg('This bundle holds no articles.');
    case 'bundle-no-version':
      return msg('This bundle is damaged: it does not say which version of the format it uses.');
    case 'bundle-extra-scripts': {
      const count = formatNumber(note.count);
      return msg(
        str`This file holds ${count} script elements where a bundle has one, its data: it was edited, or an article smuggled one in. It was not read.`,
      );
    }
    case 'bundle-payload-misplaced':
      return msg('This file’s bundle payload is not where the format puts it (last in the page): it was edited. It was not read.');
    case 'images-not-list':
      return msg('This bundle is damaged: its images are not a list.');
    case 'image-incomplete':
      return msg('This bundle is damaged: an image entry lacks its hash, type or data.');
    case 'image-not-hashed':
      return msg('This bundle is damaged: an image is not named by a SHA-256 hash.');
    case 'image-type': {
      const type = note.type;
      return msg(str`This bundle holds an image of a type Pamphlet does not show (${type}): only PNG, JPEG, GIF, WebP and AVIF.`);
    }
    case 'image-not-base64': {
      const hash = note.hash;
      return msg(str`This bundle is damaged: image ${hash} is not valid base64.`);
    }
    case 'image-hash-mismatch': {
      const hash = note.hash;
      return msg(str`Image ${hash}… does not match its hash: its bytes were changed or damaged.`);
    }
    case 'bundle-version': {
      const [version, supported] = [note.version, formatNumber(note.supported)];
      return msg(
        str`This bundle uses format version ${version}, which this version of Pamphlet cannot read (it reads version ${supported}). Update Pamphlet to open it.`,
      );
    }
    case 'image-missing': {
      const [title, hash] = [note.title, note.hash];
      return msg(str`“${title}” refers to an image the bundle does not hold (${hash}…).`);
    }
    case 'article-damaged': {
      const [index, defect] = [formatNumber(note.index), defectText(note.defect)];
      return msg(str`Article ${index} in this bundle is damaged: ${defect}.`);
    }
    case 'link-too-large': {
      const megabytes = formatNumber(note.megabytes);
      return msg(str`This link's article is larger than ${megabytes} MB once unpacked, so it was not opened.`);
    }
    case 'link-damaged':
      return msg('This link is damaged: its article cannot be unpacked. It may have been cut short when it was copied.');
    case 'link-not-base64url':
      return msg('This link is damaged: its article is not valid base64url.');
    case 'signature':
      return signatureFaultText(note.fault);
    case 'uncheckable': {
      const detail = note.detail;
      return msg(str`it cannot be checked (${detail})`);
    }
    default:
      return undefined;
  }
}

/** "The edition index", "The source file" or "The publisher entry" (a bundle's source descriptor), to begin a sentence. */
function fileName(file: EditionFile): string {
  switch (file) {
    case 'index':
      return msg('The edition index');
    case 'source':
      return msg('The source file');
    case 'publisher':
      return msg('The publisher entry');
  }
}

/** A note about an edition, a source or a feed; undefined for notes of other kinds. */
function editionText(note: Note): string | undefined {
  if (!('file' in note)) {
    if (note.code === 'source-link-damaged')
      return msg('This source link is damaged: it cannot be unpacked. It may have been cut short when it was copied.');
    if (note.code === 'source-link-not-json') return msg('This source link is damaged: its data is not valid JSON.');
    return undefined;
  }
  const file = fileName(note.file);
  switch (note.code) {
    case 'edition-mirrors-not-list':
      return msg(str`${file}: its mirror list is not a list of addresses.`);
    case 'edition-mirror-not-address': {
      const mirror = note.mirror;
      return msg(str`${file}: mirror “${mirror}” is not an address.`);
    }
    case 'edition-mirror-not-web': {
      const mirror = note.mirror;
      return msg(str`${file}: mirror “${mirror}” is not a web address.`);
    }
    case 'edition-too-many-mirrors': {
      const max = note.max;
      return msg(str`${file}: it lists more than ${max} mirrors.`);
    }
    case 'edition-bad-name': {
      const max = note.max;
      return msg(str`${file}: its publisher name is longer than ${max} characters, or holds control or hidden characters.`);
    }
    case 'edition-app-not-web':
      return msg(str`${file}: the reader app’s address is not a web address.`);
    case 'edition-apps-not-list':
      return msg(str`${file}: its list of reader app addresses is not a list of addresses.`);
    case 'edition-apps-not-web': {
      const app = note.app;
      return msg(str`${file}: reader app address “${app}” is not a web address.`);
    }
    case 'edition-too-many-apps': {
      const max = note.max;
      return msg(str`${file}: it lists more than ${max} reader app addresses.`);
    }
    case 'edition-not-index':
      return msg(str`${file} is not a Pamphlet edition index.`);
    case 'edition-version': {
      const version = note.version;
      return msg(str`${file} uses version ${version}, which this version of Pamphlet cannot read.`);
    }
    case 'edition-no-version':
      return msg(str`${file} is damaged: it does not say which version it uses.`);
    case 'edition-no-publisher':
      return msg(str`${file} does not name its publisher and key.`);
    case 'edition-no-sequence':
      return msg(str`${file} has no sequence number.`);
    case 'edition-no-times':
      return msg(str`${file} lacks its creation or expiry time.`);
    case 'edition-bad-entry':
      return msg(str`${file} lists an article it does not describe properly.`);
    case 'edition-no-bundle':
      return msg(str`${file} does not describe its edition bundle.`);
    case 'edition-unverified': {
      const fault = signatureFaultText(note.fault);
      return msg(str`${file} does not verify: ${fault}.`);
    }
    case 'edition-other-key':
      return msg(str`${file} is signed by a key other than the one it names.`);
    case 'edition-not-source':
      return msg(str`${file} is not a Pamphlet source.`);
    case 'edition-no-name':
      return msg(str`${file} does not name its publisher.`);
    case 'edition-no-key':
      return msg(str`${file} does not give the publisher’s key.`);
  }
}

/** A note about a mirror or a feed in a sync. */
function syncText(note: Note): string {
  switch (note.code) {
    case 'feed-unreadable': {
      const [source, detail] = [note.source, note.detail];
      return msg(str`${source}: not a feed Pamphlet can read (RSS, Atom or JSON Feed): ${detail}.`);
    }
    case 'feed-not-articles': {
      const [source, format] = [note.source, note.format];
      return msg(str`${source}: a ${format} file is not a feed of articles.`);
    }
    case 'feed-items':
      return itemCount(note.count);
    case 'mirror-http': {
      const status = note.status;
      return msg(str`it answered HTTP ${status}`);
    }
    case 'ipfs-address': {
      const address = note.address;
      return msg(str`“${address}” is not an IPFS address (ipfs://CID/ or ipns://NAME/)`);
    }
    case 'no-gateways':
      return msg('no IPFS gateway is listed in Settings');
    case 'ipfs-not-unixfs':
      return msg('what it holds is not a UnixFS folder or file');
    case 'ipfs-not-a-file':
      return msg('the address names a folder, not a file');
    case 'ipfs-sharded-directory':
      return msg('its folder is sharded (HAMT), which Pamphlet does not read');
    case 'ipfs-no-such-path': {
      const path = note.path;
      return msg(str`its folder has no ${path}`);
    }
    case 'ipfs-uncheckable': {
      const detail = note.detail;
      return msg(str`its blocks use a hash Pamphlet cannot check (${detail})`);
    }
    case 'gateway-altered': {
      const gateway = note.gateway;
      return msg(str`the IPFS gateway ${gateway} served altered data`);
    }
    case 'gateway-answered': {
      const gateway = note.gateway;
      return msg(str`through the IPFS gateway ${gateway}`);
    }
    case 'no-gateway-answered': {
      const [tried, last] = [formatNumber(note.tried), noteText(note.last)];
      return msg(str`no IPFS gateway answered (tried ${tried}; last: ${last})`);
    }
    case 'ipns-record': {
      const [name, reason] = [note.name, ipnsRefusal(note.reason)];
      return msg(str`the IPNS record for ${name} was refused: ${reason}`);
    }
    case 'gateway-served-altered': {
      const [gateway, host] = [note.gateway, note.host];
      return msg(str`The IPFS gateway ${gateway} served altered data for ${host}; another gateway was asked.`);
    }
    case 'mirror-timeout':
      return msg('it did not answer in time');
    case 'mirror-unreachable':
      return msg('it could not be reached');
    case 'mirror-redirected':
      return msg('it redirected elsewhere, which Pamphlet does not follow');
    case 'mirror-too-large': {
      const megabytes = formatNumber(note.megabytes);
      return msg(str`it sent more than ${megabytes} MB, the most Pamphlet reads of this file`);
    }
    case 'copy-hash-mismatch':
      return msg('its copy does not match the hash in the signed index');
    case 'copy-not-signed':
      return msg('its copy does not carry the article signed by the publisher');
    case 'served-unverified':
      return msg('served a bundle that failed verification');
    case 'asked-for-articles':
      return msg('asked for articles only');
    case 'index-expired': {
      const date = note.date;
      return msg(str`its index expired on ${date}`);
    }
    case 'index-replay': {
      const [sequence, seen] = [formatNumber(note.sequence), formatNumber(note.seen)];
      return msg(str`index number ${sequence}, after number ${seen} was seen: a replay`);
    }
    case 'index-number': {
      const sequence = formatNumber(note.sequence);
      return msg(str`index number ${sequence}`);
    }
    case 'index-older': {
      const [sequence, newest] = [formatNumber(note.sequence), formatNumber(note.newest)];
      return msg(str`an older index (number ${sequence}; the newest is ${newest})`);
    }
    case 'no-mirrors': {
      const source = note.source;
      return msg(str`${source} lists no mirror to sync from.`);
    }
    case 'no-mirror-answered': {
      const [tried, host, last] = [formatNumber(note.tried), note.host, noteText(note.last)];
      return msg(str`No mirror answered (tried ${tried}; last error: ${host}: ${last}).`);
    }
    case 'no-valid-index': {
      const [tried, host, reason] = [formatNumber(note.tried), note.host, noteText(note.reason)];
      return msg(str`No mirror served a valid index (tried ${tried}): ${host} served an index that failed verification (${reason}).`);
    }
    case 'no-current-index': {
      const [tried, host, reason] = [formatNumber(note.tried), note.host, noteText(note.reason)];
      return msg(str`No mirror served a valid index (tried ${tried}): ${host} served an older index (${reason}).`);
    }
    case 'mirror-index-unverified': {
      const [host, reason] = [note.host, noteText(note.reason)];
      return msg(str`Mirror ${host} served an index that failed verification (${reason}); skipped.`);
    }
    case 'mirror-index-older': {
      const [host, reason] = [note.host, noteText(note.reason)];
      return msg(str`Mirror ${host} served an older index (${reason}); skipped.`);
    }
    case 'mirror-served-unverified': {
      const [host, title] = [note.host, note.title];
      return msg(str`Mirror ${host} served a bundle that failed verification (“${title}”); skipped.`);
    }
    case 'article-unavailable': {
      const [title, last] = [note.title, noteText(note.last)];
      return msg(str`“${title}” could not be had from any mirror (last error: ${last}).`);
    }
    case 'mirror-failed':
      return note.detail;
    case 'words':
      return note.text;
    default:
      // Every other kind is a bundle's or an edition's, said before this is reached.
      return '';
  }
}

/** A note about a saved page's web archive (MHTML). */
function archiveText(note: Note): string | undefined {
  switch (note.code) {
    case 'mhtml-not-archive':
      return msg('This file is named as a saved web page archive (MHTML), but it is not one: it does not start with an archive’s headers.');
    case 'mhtml-no-page':
      return msg('This web page archive (MHTML) holds no web page, only other files.');
    case 'mhtml-unterminated':
      return msg('This web page archive (MHTML) is cut short or damaged: its last part never ends.');
    case 'mhtml-part-damaged': {
      const address = note.address;
      return msg(str`This web page archive (MHTML) is damaged: the part for ${address} does not decode.`);
    }
    default:
      return undefined;
  }
}

/** A note of the library lock. */
function lockText(note: Note): string | undefined {
  switch (note.code) {
    case 'wrong-passphrase':
      return msg('That passphrase does not open this library.');
    case 'empty-passphrase':
      return msg('Type the passphrase.');
    case 'seal-broken':
      return msg('A locked record does not open with this key: it was changed, moved, or sealed with another key.');
    case 'library-locked':
      return msg('The library is locked. Unlock it to read or change it.');
    case 'unknown-kdf': {
      const algorithm = note.algorithm;
      return msg(str`This library was locked with a key derivation this version does not know (${algorithm}).`);
    }
    default:
      return undefined;
  }
}

/** A note in the UI's language. */
export function noteText(note: Note): string {
  return bundleText(note) ?? editionText(note) ?? archiveText(note) ?? lockText(note) ?? syncText(note);
}

/**
 * What went wrong, in the UI's language, for errors caught in the page: shared code's errors by
 * their note; others (already in the UI's language, or from the browser) by their message.
 */
export function errorText(error: unknown): string {
  const note = (error as { note?: Note } | null)?.note;
  if (note && typeof note === 'object' && typeof note.code === 'string') return noteText(note);
  return error instanceof Error ? error.message || error.name : String(error);
}

function ipnsRefusal(reason: IpnsRefusal): string {
  switch (reason) {
    case 'other-key':
      return msg('it is not signed by the name’s key');
    case 'expired':
      return msg('it has expired');
    case 'older':
      return msg('it is older than one already seen (a replay)');
    case 'malformed':
      return msg('it is not a valid IPNS record');
    case 'name':
      return msg('the name is not an IPNS key (a DNSLink name cannot be checked)');
  }
}
