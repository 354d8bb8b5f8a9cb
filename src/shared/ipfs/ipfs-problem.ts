import { englishNote, type Note } from '../note.ts';

/**
 * What went wrong reading from IPFS, as a note. readMirror (read-mirror.ts) turns it into the
 * MirrorProblem every caller knows; a class of its own keeps this folder from importing that module,
 * which loads this one.
 */
export class IpfsProblem extends Error {
  constructor(readonly note: Note) {
    super(englishNote(note));
  }
}

/** The note an error carries (an IpfsProblem's, or a MirrorProblem's from a gateway's answer), if it carries one. */
export function noteOf(error: unknown): Note | undefined {
  return error instanceof Error && 'note' in error && typeof error.note === 'object' && error.note !== null
    ? (error.note as Note)
    : undefined;
}
