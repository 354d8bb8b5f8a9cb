import type { Article } from './article.ts';
import { englishNote, type Note } from './note.ts';
import { checkSignature, fingerprintOf } from './signing.ts';

/** A publisher key the reader trusts, with the name the trust came with. */
export interface TrustedKey {
  key: string;
  name: string;
  /** `built-in`: shipped with this build of the app; `reader`: trusted by the reader. */
  origin: 'built-in' | 'reader';
  addedAt: number;
}

/**
 * What the reader is told about an article:
 * - `verified`: signed by a key the reader trusts; `publisherName` is the trusted name;
 * - `unknown`: a valid signature by a key the reader does not trust (yet);
 * - `unsigned`: nobody vouches for it (a page someone saved);
 * - `refused`: the id or signature does not match; never stored, never shown.
 */
export type Verdict =
  | { kind: 'verified'; key: string; publisherName: string }
  | { kind: 'unknown'; key: string; fingerprint: string }
  | { kind: 'unsigned' }
  /** `reason` in English (for Node and logs); the page words `note` in the reader's language. */
  | { kind: 'refused'; reason: string; note: Note };

function refused(note: Note): Verdict {
  return { kind: 'refused', reason: englishNote(note), note };
}

/** The verdict for an article, given the keys the reader trusts. */
export async function verdictOf(article: Article, trusted: ReadonlyMap<string, TrustedKey>): Promise<Verdict> {
  let check;
  try {
    check = await checkSignature(article);
  } catch (error) {
    // Canonical JSON refuses some strings (lone surrogates): such an article was never signed as is.
    return refused({ code: 'uncheckable', detail: error instanceof Error ? error.message : String(error) });
  }
  if (check.status === 'invalid') return refused({ code: 'signature', fault: check.fault });
  if (check.status === 'unsigned') return { kind: 'unsigned' };
  return storedVerdict(check.key, trusted, await fingerprintOf(check.key));
}

/** The verdict of an article already stored (its signature was checked on the way in). */
export function storedVerdict(
  signerKey: string | undefined,
  trusted: ReadonlyMap<string, TrustedKey>,
  fingerprint = '',
): Exclude<Verdict, { kind: 'refused' }> {
  if (!signerKey) return { kind: 'unsigned' };
  const trust = trusted.get(signerKey);
  return trust ? { kind: 'verified', key: signerKey, publisherName: trust.name } : { kind: 'unknown', key: signerKey, fingerprint };
}
