import { MirrorProblem, refusalOf } from './read-mirror.ts';

/** How far reading may run ahead of the caller's handling of what was read. */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

export interface PackStretch {
  /** The first byte wanted. */
  from: number;
  /** One past the last byte wanted. */
  to: number;
  /** The most a mirror may stay silent, before its answer or between two parts of it. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** Counts every request made and every byte received (skipped ones too). */
  onRequest?: () => void;
  onBytes?: (count: number) => void;
}

/**
 * Reads bytes `from`..`to` of a pack and hands them to `sink` in order, as they arrive, so the
 * caller keeps every block that came whole even when the connection drops later. From the start
 * it asks for the whole file and stops reading at `to` (any server can answer that, and closing
 * the connection early costs nothing); from further on it asks for a range, and takes a mirror
 * that ignores ranges (200 and the whole file) by skipping to `from`. Throws a MirrorProblem when
 * the mirror stops answering, is cut off, or answers with anything else.
 */
export async function readPackStretch(url: string, stretch: PackStretch, sink: (bytes: Uint8Array) => Promise<void>): Promise<void> {
  try {
    await attempt(url, stretch, sink, stretch.from > 0);
  } catch (error) {
    // A mirror that refuses the range header itself (a cross-origin request it did not allow) is
    // asked again without one, and skipped through.
    if (!(error instanceof RangeRefused)) throw error;
    await attempt(url, stretch, sink, false);
  }
}

/** The request with a range did not get an answer at all, as when the mirror does not allow the header. */
class RangeRefused extends Error {}

async function attempt(url: string, stretch: PackStretch, sink: (bytes: Uint8Array) => Promise<void>, withRange: boolean): Promise<void> {
  const { from, to, signal } = stretch;
  signal?.throwIfAborted();
  const silence = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waitAgain = () => {
    clearTimeout(timer);
    timer = setTimeout(() => silence.abort(), stretch.idleTimeoutMs);
  };
  waitAgain();
  stretch.onRequest?.();
  let response: Response;
  try {
    response = await fetch(url, {
      signal: signal ? AbortSignal.any([signal, silence.signal]) : silence.signal,
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'manual',
      ...(withRange ? { headers: { range: `bytes=${from}-${to - 1}` } } : {}),
    });
  } catch (error) {
    clearTimeout(timer);
    if (signal?.aborted) throw error;
    if (silence.signal.aborted) throw new MirrorProblem({ code: 'mirror-timeout' });
    if (withRange && error instanceof TypeError) throw new RangeRefused();
    throw new MirrorProblem({ code: 'mirror-unreachable' });
  }
  try {
    const refusal = refusalOf(response, Infinity);
    if (refusal) throw new MirrorProblem(refusal);
    // A partial answer starts where it was asked to (and says so, where the mirror lets it be read);
    // a whole one at the file's start.
    let position = response.status === 206 ? from : 0;
    const range = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '');
    if (response.status === 206 && range && Number(range[1]) !== from) throw new MirrorProblem({ code: 'mirror-http', status: 206 });
    if (!response.body) throw new MirrorProblem({ code: 'mirror-unreachable' });
    const reader = response.body.getReader();
    // Read ahead of the sink: a stream that fails drops what it holds unread, so bytes are taken
    // off it as they come, and every byte taken reaches the sink before the failure is thrown.
    let handed = Promise.resolve();
    let waiting = 0;
    let refused: { error: unknown } | undefined;
    try {
      while (position < to && !refused) {
        const { done, value } = await reader.read();
        if (done) throw new MirrorProblem({ code: 'mirror-unreachable' });
        waitAgain();
        stretch.onBytes?.(value.length);
        const start = Math.max(from - position, 0);
        const end = Math.min(to - position, value.length);
        position += value.length;
        if (end <= start) continue;
        const part = value.subarray(start, end);
        waiting += part.length;
        handed = handed
          .then(() => (refused ? undefined : sink(part)))
          .then(
            () => void (waiting -= part.length),
            (error: unknown) => void (refused ??= { error }),
          );
        // Not more than this ahead of the sink, so that a large pack is never all in memory.
        if (waiting > READ_AHEAD_BYTES) await handed;
      }
      await handed;
    } catch (error) {
      await handed;
      throw refused ? refused.error : error;
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    // What the sink refused (a block that failed its checks) ends the read, as the mirror's fault.
    if (refused) throw refused.error;
  } catch (error) {
    if (error instanceof MirrorProblem || signal?.aborted) throw error;
    if (silence.signal.aborted) throw new MirrorProblem({ code: 'mirror-timeout' });
    // The connection dropped mid-answer: the caller resumes from the last whole block.
    if (error instanceof TypeError) throw new MirrorProblem({ code: 'mirror-unreachable' });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
