import { englishNote, type Note } from '../note.ts';
import { readAtMost } from '../read-at-most.ts';
import type { GatewayAnswer } from '../ipfs/gateway-read.ts';
import { isIpfsAddress } from '../ipfs/ipfs-scheme.ts';
import { IpfsProblem } from '../ipfs/ipfs-problem.ts';

/** What a mirror (or a feed's server) did instead of serving the file: timed out, refused, redirected… */
export class MirrorProblem extends Error {
  constructor(readonly note: Note) {
    super(englishNote(note));
  }
}

export interface MirrorRequest {
  /** The most the file may be: an answer that passes it is cut off there and refused. */
  maxBytes: number;
  /** For the whole answer, its body included. */
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * Whether a redirect is followed. A mirror's never is: a mirror that redirects sends the reader,
   * and the reader's address, wherever it likes.
   */
  redirects?: 'refuse' | 'follow';
  /** For an ipfs:// or ipns:// address: the reader's IPFS gateways, the only ones asked. */
  gateways?: readonly string[];
  /** For an ipfs:// or ipns:// address: what each gateway asked did. */
  onGateway?: (answer: GatewayAnswer) => void;
}

function tooLarge(maxBytes: number): Note {
  return { code: 'mirror-too-large', megabytes: maxBytes / 1024 / 1024 };
}

/** Why an answer is refused before its body is read, if it is. */
export function refusalOf(response: Response, maxBytes: number): Note | undefined {
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) return { code: 'mirror-redirected' };
  if (!response.ok) return { code: 'mirror-http', status: response.status };
  // The length as sent: compressed, a bundle's HTML or an index's JSON is shorter than the file itself.
  if (Number(response.headers.get('content-length')) > maxBytes) return tooLarge(maxBytes);
  return undefined;
}

/**
 * Reads one file from a server the reader does not trust: the one place the app reads a mirror's
 * (or a feed's) answer. No cookies, no referrer, nothing kept in the HTTP cache (a locked library
 * is the one place an article is kept); a time limit for the whole answer; and at most
 * `maxBytes`, counted as the body arrives, whatever the answer's Content-Length says (one that
 * says too much is refused before the body is read). Throws a MirrorProblem saying what the
 * server did, or the caller's abort as it is.
 */
export async function readMirror(url: string, request: MirrorRequest): Promise<Uint8Array> {
  const { maxBytes, signal } = request;
  signal?.throwIfAborted();
  // Loaded when first needed: most readers follow no mirror on IPFS.
  if (isIpfsAddress(url)) {
    const { readThroughGateways } = await import('../ipfs/read-through-gateways.ts');
    return readThroughGateways(url, { ...request, fetchFile: readMirror }).catch((error: unknown) => {
      throw error instanceof IpfsProblem ? new MirrorProblem(error.note) : error;
    });
  }
  const timeout = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetch(url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      // 'manual' rather than 'error': neither follows a redirect, but with 'error' a browser's fetch
      // fails as it does for a mirror it cannot reach, and the reader would not learn which it was.
      // A browser answers 'manual' with an opaque redirect (status 0), Node with the 3xx itself.
      redirect: request.redirects === 'follow' ? 'follow' : 'manual',
    });
    const refusal = refusalOf(response, maxBytes);
    if (refusal) {
      await response.body?.cancel().catch(() => undefined);
      throw new MirrorProblem(refusal);
    }
    const bytes = response.body ? await readAtMost(response.body, maxBytes) : new Uint8Array(0);
    if (!bytes) throw new MirrorProblem(tooLarge(maxBytes));
    return bytes;
  } catch (error) {
    if (error instanceof MirrorProblem || signal?.aborted) throw error;
    if (timeout.aborted) throw new MirrorProblem({ code: 'mirror-timeout' });
    if (error instanceof TypeError) throw new MirrorProblem({ code: 'mirror-unreachable' });
    throw new MirrorProblem({ code: 'mirror-failed', detail: error instanceof Error ? error.message : String(error) });
  }
}
