import { readAtMost } from '../../shared/read-at-most.ts';

/**
 * The origin check-mirror says it comes from: a reader's app on another site than the mirror, as
 * every reader's is but those who installed the copy the mirror itself serves.
 */
export const CHECK_ORIGIN = 'https://reader.pamphlet-check.invalid';

const TIMEOUT_MS = 15_000;

/** How a mirror answered for one file: its status and headers, and the body when it was read. */
export interface MirrorAnswer {
  url: string;
  status: number;
  headers: Headers;
  /** Absent when the answer was not a success, or the body passed the limit. */
  bytes?: Uint8Array;
}

/** A file that could not be had at all, said for people: no answer, refused connection… */
export class Unreachable extends Error {}

/**
 * Asks a mirror for one file as a reader's app would: from another origin, without cookies, never
 * following a redirect (readers refuse one), within a time limit and a size limit. Any address
 * is fetched, loopback and private ones included: the publisher names their own mirror, and only
 * files under it are asked for.
 */
export async function fetchMirrorFile(url: string, maxBytes: number): Promise<MirrorAnswer> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      headers: { origin: CHECK_ORIGIN },
      redirect: 'manual',
      credentials: 'omit',
      signal: timeout,
    });
    const answer: MirrorAnswer = { url, status: response.status, headers: response.headers };
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return answer;
    }
    if (!response.body) return { ...answer, bytes: new Uint8Array(0) };
    const bytes = await readAtMost(response.body, maxBytes);
    return bytes ? { ...answer, bytes } : answer;
  } catch (error) {
    if (timeout.aborted) throw new Unreachable(`no answer in ${TIMEOUT_MS / 1000} s`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Unreachable(`could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message})`);
  }
}
