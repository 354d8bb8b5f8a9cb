/**
 * What shared code tells the reader (why a bundle, link, article, edition or feed was refused,
 * what a mirror answered) as a code and its details rather than a sentence, so that the page says
 * it in the reader's language (src/l10n/note-text.ts) while Node, the command line and the logs
 * keep the English of `englishNote` (note.ts). Values that are not words (titles, addresses, numbers) travel
 * as they are.
 */

/** A field of an article, named in a refusal. */
export type ArticleField =
  | 'guid'
  | 'title'
  | 'language'
  | 'publication date'
  | 'content'
  | 'byline'
  | 'address'
  | 'summary'
  | 'publisher name'
  | 'publisher’s address';

/** What is wrong with one article of a bundle. */
export type ArticleDefect =
  | { code: 'not-object' | 'bad-id' | 'bad-revision' | 'bad-direction' | 'no-publisher' | 'bad-date' }
  | { code: 'missing' | 'not-text' | 'control-characters' | 'not-web-address'; field: ArticleField }
  | { code: 'too-long'; field: ArticleField; max: number }
  | { code: 'bad-language'; value: string }
  | { code: 'hidden-characters'; field: ArticleField; character: string }
  | { code: 'too-deep'; max: number };

/** Why a signature does not check out. */
export type SignatureFault =
  'id-mismatch' | 'not-ed25519-article' | 'malformed' | 'id-not-signer' | 'forged' | 'not-ed25519' | 'other-key' | 'mismatch';

/** Why an IPNS record is refused: signed by another key than the name's, expired, older than one seen, or not a record. */
export type IpnsRefusal = 'other-key' | 'expired' | 'older' | 'malformed' | 'name';

/** Which signed file of a publisher's edition a note is about. */
export type EditionFile = 'index' | 'source' | 'publisher';

export type Note =
  // A bundle file, a link, a QR code.
  | {
      code:
        | 'bundle-truncated'
        | 'bundle-unterminated'
        | 'not-a-bundle'
        | 'bundle-not-json'
        | 'bundle-other-format'
        | 'bundle-empty'
        | 'bundle-no-version';
    }
  | { code: 'images-not-list' | 'image-incomplete' | 'image-not-hashed' }
  | { code: 'image-type'; type: string }
  | { code: 'image-not-base64' | 'image-hash-mismatch'; hash: string }
  | { code: 'bundle-version'; version: string; supported: number }
  | { code: 'bundle-extra-scripts'; count: number }
  | { code: 'bundle-payload-misplaced' }
  | { code: 'image-missing'; title: string; hash: string }
  | { code: 'article-damaged'; index: number; defect: ArticleDefect }
  | { code: 'link-too-large'; megabytes: number }
  | { code: 'link-damaged' | 'link-not-base64url' }
  // Signatures.
  | { code: 'signature'; fault: SignatureFault }
  | { code: 'uncheckable'; detail: string }
  // A publisher's edition index or source file, and source links.
  | { code: 'edition-mirrors-not-list' | 'edition-not-index' | 'edition-no-publisher' | 'edition-no-sequence'; file: EditionFile }
  | { code: 'edition-no-times' | 'edition-bad-entry' | 'edition-no-bundle' | 'edition-other-key'; file: EditionFile }
  | { code: 'edition-not-source' | 'edition-no-name' | 'edition-no-key'; file: EditionFile }
  | { code: 'edition-mirror-not-address' | 'edition-mirror-not-web'; file: EditionFile; mirror: string }
  | { code: 'edition-too-many-mirrors' | 'edition-too-many-apps' | 'edition-bad-name'; file: EditionFile; max: number }
  | { code: 'edition-app-not-web' | 'edition-apps-not-list'; file: EditionFile }
  | { code: 'edition-apps-not-web'; file: EditionFile; app: string }
  | { code: 'edition-version'; file: EditionFile; version: string }
  | { code: 'edition-no-version'; file: EditionFile }
  | { code: 'edition-unverified'; file: EditionFile; fault: SignatureFault }
  | { code: 'source-link-damaged' | 'source-link-not-json' }
  // Feeds.
  | { code: 'feed-unreadable'; source: string; detail: string }
  | { code: 'feed-not-articles'; source: string; format: string }
  // What mirrors answered in a sync.
  | { code: 'mirror-http'; status: number }
  | {
      code: 'mirror-timeout' | 'mirror-unreachable' | 'mirror-redirected' | 'copy-hash-mismatch' | 'copy-not-signed' | 'asked-for-articles';
    }
  // Given by versions that marked a mirror by the bundle it spoiled; a mirror's stored status may hold it.
  | { code: 'served-unverified' }
  | { code: 'mirror-too-large'; megabytes: number }
  | { code: 'mirror-failed'; detail: string }
  | { code: 'index-expired'; date: string }
  | { code: 'index-replay'; sequence: number; seen: number }
  | { code: 'index-number'; sequence: number }
  // Given by versions that asked every mirror for the index; a mirror's stored status may hold it.
  | { code: 'index-older'; sequence: number; newest: number }
  | { code: 'no-mirrors'; source: string }
  // Every mirror asked failed to answer: the last of them, as good as any.
  | { code: 'no-mirror-answered'; tried: number; host: string; last: Note }
  // No valid index: the most serious of what the mirrors served (a forgery before a replay), and
  // the first mirror that served it, never merely the last one tried.
  | { code: 'no-valid-index' | 'no-current-index'; tried: number; host: string; reason: Note }
  // A sync that had its index from another mirror.
  | { code: 'mirror-index-unverified' | 'mirror-index-older'; host: string; reason: Note }
  | { code: 'mirror-served-unverified'; host: string; title: string }
  | { code: 'article-unavailable'; title: string; last: Note }
  | { code: 'feed-items'; count: number }
  // Mirrors on IPFS, read through the reader's gateways (src/shared/ipfs/).
  | { code: 'ipfs-address'; address: string }
  | { code: 'no-gateways' | 'ipfs-not-unixfs' | 'ipfs-not-a-file' | 'ipfs-sharded-directory' }
  | { code: 'ipfs-no-such-path'; path: string }
  | { code: 'ipfs-uncheckable'; detail: string }
  | { code: 'gateway-altered' | 'gateway-answered'; gateway: string }
  | { code: 'no-gateway-answered'; tried: number; last: Note }
  | { code: 'ipns-record'; name: string; reason: IpnsRefusal }
  // A sync's message: a gateway served altered data for a mirror on IPFS; another was asked.
  | { code: 'gateway-served-altered'; gateway: string; host: string }
  // A page saved as one MHTML archive (Chrome's "Download page", "Webpage, single file").
  | { code: 'mhtml-not-archive' | 'mhtml-no-page' | 'mhtml-unterminated' }
  | { code: 'mhtml-part-damaged'; address: string }
  // The library lock.
  | { code: 'wrong-passphrase' | 'empty-passphrase' | 'seal-broken' | 'library-locked' }
  | { code: 'unknown-kdf'; algorithm: string }
  // Words already made: by the page, in the UI's language, or by a browser or library, as they are.
  | { code: 'words'; text: string };
