import type { ArticleDefect, EditionFile, IpnsRefusal, Note, SignatureFault } from './note-types.ts';

/**
 * Every note in English: for Node, the command line, logs, and errors' `message`. The page words
 * notes in the reader's language instead (src/l10n/note-text.ts) and gets note-code.ts in place of
 * this module (package.json "imports", "#note-words").
 */

const FIELD_WITH_ARTICLE: Record<EditionFile, string> = {
  index: 'The edition index',
  source: 'The source file',
  publisher: 'The publisher entry',
};

function defectInEnglish(defect: ArticleDefect): string {
  switch (defect.code) {
    case 'not-object':
      return 'it is not an object';
    case 'bad-id':
      return 'its id is not 64 hexadecimal digits';
    case 'bad-revision':
      return 'its revision is not a whole number from 1 up';
    case 'bad-direction':
      return 'its direction is neither ltr nor rtl';
    case 'no-publisher':
      return 'its publisher has no name';
    case 'bad-date':
      return 'its publication date is not an ISO 8601 date';
    case 'missing':
      return `its ${defect.field} is missing`;
    case 'not-text':
      return `its ${defect.field} is not text`;
    case 'control-characters':
      return `its ${defect.field} holds control characters`;
    case 'not-web-address':
      return `its ${defect.field} is not a web address`;
    case 'too-long':
      return `its ${defect.field} is longer than ${defect.max} characters`;
    case 'bad-language':
      return `its language “${defect.value}” is not a language tag`;
    case 'too-deep':
      return `its content nests elements more than ${defect.max} deep, far past any article`;
    case 'hidden-characters':
      return `its ${defect.field} holds a hidden character (${defect.character}) that can make text read as something else`;
  }
}

const SIGNATURE_FAULTS: Record<SignatureFault, string> = {
  'id-mismatch': 'its id does not match its content, so it was changed after it was made',
  'not-ed25519-article': 'its signature is not an Ed25519 signature this version can check',
  malformed: 'its signature or key is malformed',
  'id-not-signer': 'its id does not belong to its signer and guid',
  forged: 'its signature does not match its content: it was changed after it was signed, or forged',
  'not-ed25519': 'it is not signed with Ed25519',
  'other-key': 'it is signed by another key',
  mismatch: 'its signature does not match its content',
};

/** The note in English: for Node, the command line, logs, and errors' `message`. */
export function englishNote(note: Note): string {
  switch (note.code) {
    case 'bundle-truncated':
      return 'This bundle is cut short: its data is missing. The file may be truncated.';
    case 'bundle-unterminated':
      return 'This bundle is cut short: its data does not end. The file may be truncated.';
    case 'not-a-bundle':
      return 'This file is not a Pamphlet bundle: it holds no bundle data.';
    case 'bundle-not-json':
      return 'This bundle is damaged: its data is not valid JSON.';
    case 'bundle-other-format':
      return 'This file is not a Pamphlet bundle: its data names another format.';
    case 'bundle-empty':
      return 'This bundle holds no articles.';
    case 'bundle-no-version':
      return 'This bundle is damaged: it does not say which version of the format it uses.';
    case 'bundle-extra-scripts':
      return `This file holds ${note.count} script elements where a bundle has one, its data: it was edited, or an article smuggled one in. It was not read.`;
    case 'bundle-payload-misplaced':
      return 'This file’s bundle payload is not where the format puts it (last in the page): it was edited. It was not read.';
    case 'images-not-list':
      return 'This bundle is damaged: its images are not a list.';
    case 'image-incomplete':
      return 'This bundle is damaged: an image entry lacks its hash, type or data.';
    case 'image-not-hashed':
      return 'This bundle is damaged: an image is not named by a SHA-256 hash.';
    case 'image-type':
      return `This bundle holds an image of a type Pamphlet does not show (${note.type}): only PNG, JPEG, GIF, WebP and AVIF.`;
    case 'image-not-base64':
      return `This bundle is damaged: image ${note.hash} is not valid base64.`;
    case 'image-hash-mismatch':
      return `Image ${note.hash}… does not match its hash: its bytes were changed or damaged.`;
    case 'bundle-version':
      return `This bundle uses format version ${note.version}, which this version of Pamphlet cannot read (it reads version ${note.supported}). Update Pamphlet to open it.`;
    case 'image-missing':
      return `“${note.title}” refers to an image the bundle does not hold (${note.hash}…).`;
    case 'article-damaged':
      return `Article ${note.index} in this bundle is damaged: ${defectInEnglish(note.defect)}.`;
    case 'link-too-large':
      return `This link's article is larger than ${note.megabytes} MB once unpacked, so it was not opened.`;
    case 'link-damaged':
      return 'This link is damaged: its article cannot be unpacked. It may have been cut short when it was copied.';
    case 'link-not-base64url':
      return 'This link is damaged: its article is not valid base64url.';
    case 'signature':
      return SIGNATURE_FAULTS[note.fault];
    case 'uncheckable':
      return `it cannot be checked (${note.detail})`;
    case 'edition-mirrors-not-list':
      return `${FIELD_WITH_ARTICLE[note.file]}: its mirror list is not a list of addresses.`;
    case 'edition-mirror-not-address':
      return `${FIELD_WITH_ARTICLE[note.file]}: mirror “${note.mirror}” is not an address.`;
    case 'edition-mirror-not-web':
      return `${FIELD_WITH_ARTICLE[note.file]}: mirror “${note.mirror}” is not a web address.`;
    case 'edition-too-many-mirrors':
      return `${FIELD_WITH_ARTICLE[note.file]}: it lists more than ${note.max} mirrors.`;
    case 'edition-bad-name':
      return `${FIELD_WITH_ARTICLE[note.file]}: its publisher name is longer than ${note.max} characters, or holds control or hidden characters.`;
    case 'edition-app-not-web':
      return `${FIELD_WITH_ARTICLE[note.file]}: the reader app’s address is not a web address.`;
    case 'edition-apps-not-list':
      return `${FIELD_WITH_ARTICLE[note.file]}: its list of reader app addresses is not a list of addresses.`;
    case 'edition-apps-not-web':
      return `${FIELD_WITH_ARTICLE[note.file]}: reader app address “${note.app}” is not a web address.`;
    case 'edition-too-many-apps':
      return `${FIELD_WITH_ARTICLE[note.file]}: it lists more than ${note.max} reader app addresses.`;
    case 'edition-not-index':
      return `${FIELD_WITH_ARTICLE[note.file]} is not a Pamphlet edition index.`;
    case 'edition-version':
      return `${FIELD_WITH_ARTICLE[note.file]} uses version ${note.version}, which this version of Pamphlet cannot read.`;
    case 'edition-no-version':
      return `${FIELD_WITH_ARTICLE[note.file]} is damaged: it does not say which version it uses.`;
    case 'edition-no-publisher':
      return `${FIELD_WITH_ARTICLE[note.file]} does not name its publisher and key.`;
    case 'edition-no-sequence':
      return `${FIELD_WITH_ARTICLE[note.file]} has no sequence number.`;
    case 'edition-no-times':
      return `${FIELD_WITH_ARTICLE[note.file]} lacks its creation or expiry time.`;
    case 'edition-bad-entry':
      return `${FIELD_WITH_ARTICLE[note.file]} lists an article it does not describe properly.`;
    case 'edition-no-bundle':
      return `${FIELD_WITH_ARTICLE[note.file]} does not describe its edition bundle.`;
    case 'edition-unverified':
      return `${FIELD_WITH_ARTICLE[note.file]} does not verify: ${SIGNATURE_FAULTS[note.fault]}.`;
    case 'edition-other-key':
      return `${FIELD_WITH_ARTICLE[note.file]} is signed by a key other than the one it names.`;
    case 'edition-not-source':
      return `${FIELD_WITH_ARTICLE[note.file]} is not a Pamphlet source.`;
    case 'edition-no-name':
      return `${FIELD_WITH_ARTICLE[note.file]} does not name its publisher.`;
    case 'edition-no-key':
      return `${FIELD_WITH_ARTICLE[note.file]} does not give the publisher’s key.`;
    case 'source-link-damaged':
      return 'This source link is damaged: it cannot be unpacked. It may have been cut short when it was copied.';
    case 'source-link-not-json':
      return 'This source link is damaged: its data is not valid JSON.';
    case 'feed-unreadable':
      return `${note.source}: not a feed Pamphlet can read (RSS, Atom or JSON Feed): ${note.detail}.`;
    case 'feed-not-articles':
      return `${note.source}: a ${note.format} file is not a feed of articles.`;
    case 'mirror-http':
      return `it answered HTTP ${note.status}`;
    case 'ipfs-address':
      return `“${note.address}” is not an IPFS address (ipfs://CID/ or ipns://NAME/)`;
    case 'no-gateways':
      return 'no IPFS gateway is listed in Settings';
    case 'ipfs-not-unixfs':
      return 'what it holds is not a UnixFS folder or file';
    case 'ipfs-not-a-file':
      return 'the address names a folder, not a file';
    case 'ipfs-sharded-directory':
      return 'its folder is sharded (HAMT), which Pamphlet does not read';
    case 'ipfs-no-such-path':
      return `its folder has no ${note.path}`;
    case 'ipfs-uncheckable':
      return `its blocks use a hash Pamphlet cannot check (${note.detail})`;
    case 'gateway-altered':
      return `the IPFS gateway ${note.gateway} served altered data`;
    case 'gateway-answered':
      return `through the IPFS gateway ${note.gateway}`;
    case 'no-gateway-answered':
      return `no IPFS gateway answered (tried ${note.tried}; last: ${englishNote(note.last)})`;
    case 'ipns-record':
      return `the IPNS record for ${note.name} was refused: ${IPNS_REFUSALS[note.reason]}`;
    case 'gateway-served-altered':
      return `The IPFS gateway ${note.gateway} served altered data for ${note.host}; another gateway was asked.`;
    case 'mirror-timeout':
      return 'it did not answer in time';
    case 'mirror-unreachable':
      return 'it could not be reached';
    case 'mirror-redirected':
      return 'it redirected elsewhere, which Pamphlet does not follow';
    case 'mirror-too-large':
      return `it sent more than ${note.megabytes} MB, the most Pamphlet reads of this file`;
    case 'mirror-failed':
      return note.detail;
    case 'copy-hash-mismatch':
      return 'its copy does not match the hash in the signed index';
    case 'copy-not-signed':
      return 'its copy does not carry the article signed by the publisher';
    case 'served-unverified':
      return 'served a bundle that failed verification';
    case 'asked-for-articles':
      return 'asked for articles only';
    case 'index-expired':
      return `its index expired on ${note.date}`;
    case 'index-replay':
      return `index number ${note.sequence}, after number ${note.seen} was seen: a replay`;
    case 'index-number':
      return `index number ${note.sequence}`;
    case 'index-older':
      return `an older index (number ${note.sequence}; the newest is ${note.newest})`;
    case 'no-mirrors':
      return `${note.source} lists no mirror to sync from.`;
    case 'no-mirror-answered':
      return `No mirror answered (tried ${note.tried}; last error: ${note.host}: ${englishNote(note.last)}).`;
    case 'no-valid-index':
      return `No mirror served a valid index (tried ${note.tried}): ${note.host} served an index that failed verification (${englishNote(note.reason)}).`;
    case 'no-current-index':
      return `No mirror served a valid index (tried ${note.tried}): ${note.host} served an older index (${englishNote(note.reason)}).`;
    case 'mirror-index-unverified':
      return `Mirror ${note.host} served an index that failed verification (${englishNote(note.reason)}); skipped.`;
    case 'mirror-index-older':
      return `Mirror ${note.host} served an older index (${englishNote(note.reason)}); skipped.`;
    case 'mirror-served-unverified':
      return `Mirror ${note.host} served a bundle that failed verification (“${note.title}”); skipped.`;
    case 'article-unavailable':
      return `“${note.title}” could not be had from any mirror (last error: ${englishNote(note.last)}).`;
    case 'feed-items':
      return note.count === 1 ? '1 item' : `${note.count} items`;
    case 'mhtml-not-archive':
      return 'This file is named as a saved web page archive (MHTML), but it is not one: it does not start with an archive’s headers.';
    case 'mhtml-no-page':
      return 'This web page archive (MHTML) holds no web page, only other files.';
    case 'mhtml-unterminated':
      return 'This web page archive (MHTML) is cut short or damaged: its last part never ends.';
    case 'mhtml-part-damaged':
      return `This web page archive (MHTML) is damaged: the part for ${note.address} does not decode.`;
    case 'wrong-passphrase':
      return 'That passphrase does not open this library.';
    case 'empty-passphrase':
      return 'Type the passphrase.';
    case 'seal-broken':
      return 'A locked record does not open with this key: it was changed, moved, or sealed with another key.';
    case 'library-locked':
      return 'The library is locked. Unlock it to read or change it.';
    case 'unknown-kdf':
      return `This library was locked with a key derivation this version does not know (${note.algorithm}).`;
    case 'words':
      return note.text;
  }
}

const IPNS_REFUSALS: Record<IpnsRefusal, string> = {
  'other-key': 'it is not signed by the name’s key',
  expired: 'it has expired',
  older: 'it is older than one already seen (a replay)',
  malformed: 'it is not a valid IPNS record',
  name: 'the name is not an IPNS key (a DNSLink name cannot be checked)',
};
