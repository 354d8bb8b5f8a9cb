import type { MirrorOutcome, MirrorStatus } from '../db-schema.ts';
import type { Note } from '../note.ts';

/** The outcomes from the least serious to the most: a summary names the most serious one. */
const BY_SERIOUSNESS: readonly MirrorOutcome[] = ['answered', 'did-not-answer', 'older-index', 'failed-verification'];

/** Whether `outcome` is more serious than `than`: an attack before a replay, a replay before silence. */
export function isMoreSerious(outcome: MirrorOutcome, than: MirrorOutcome): boolean {
  return BY_SERIOUSNESS.indexOf(outcome) > BY_SERIOUSNESS.indexOf(than);
}

/**
 * What a mirror did, by the note that says how it answered. A note this does not know (a stored
 * one, from another version) counts as no answer, as every failure once did.
 */
export function mirrorOutcome(note: Note): MirrorOutcome {
  switch (note.code) {
    case 'index-number':
    case 'asked-for-articles':
    case 'feed-items':
      return 'answered';
    case 'index-expired':
    case 'index-replay':
    case 'index-older':
      return 'older-index';
    case 'signature':
    case 'uncheckable':
    case 'copy-hash-mismatch':
    case 'copy-not-signed':
    case 'served-unverified':
    case 'mirror-too-large':
    case 'gateway-altered':
    case 'ipfs-uncheckable':
    case 'ipns-record':
      return 'failed-verification';
    default:
      // Everything wrong with an index's content (its signature among them) is an edition note.
      return note.code.startsWith('edition-') ? 'failed-verification' : 'did-not-answer';
  }
}

/**
 * A stored status's outcome: its own when it has one this version knows, else read from what
 * statuses held before (`ok`, and the note when there is one).
 */
export function storedMirrorOutcome(status: MirrorStatus): MirrorOutcome {
  if (BY_SERIOUSNESS.includes(status.outcome as MirrorOutcome)) return status.outcome!;
  if (status.ok) return 'answered';
  const outcome = typeof status.note?.code === 'string' ? mirrorOutcome(status.note) : 'did-not-answer';
  return outcome === 'answered' ? 'did-not-answer' : outcome;
}
