import { IpfsProblem } from '../../shared/ipfs/ipfs-problem.ts';
import { readThroughGateways } from '../../shared/ipfs/read-through-gateways.ts';
import { englishNote } from '../../shared/note.ts';
import { CHECK_ORIGIN, Unreachable, fetchMirrorFile } from './fetch-mirror-file.ts';
import type { MirrorFindings } from './mirror-findings.ts';
import type { ReadServedFile } from './served-file.ts';

const ALTERED = "Readers' apps catch this and ask their next gateway; suggest readers other gateways than this one.";
const NOT_FOUND =
  'Pin the edition\'s CAR (pamphlet edition --car FILE) where this gateway finds it (docs/publishing.md, "Editions on IPFS").';

/** As the reader's app waits on one gateway's answer. */
const TIMEOUT_MS = 15_000;

/**
 * Reads the edition's files as a reader's app reads a mirror on IPFS through one gateway: block by
 * block (`?format=raw`), from another origin, following no redirect, every block checked against
 * its CID (read-through-gateways.ts, the app's own code). Notes a gateway that readers' apps cannot
 * read from (no Access-Control-Allow-Origin) once, and each file it does not serve whole.
 */
export function throughGateway(gateway: string, findings: MirrorFindings): ReadServedFile {
  let corsNoted = false;
  const fetchBlock = async (url: string, request: { maxBytes: number }): Promise<Uint8Array> => {
    let answer;
    try {
      answer = await fetchMirrorFile(url, request.maxBytes);
    } catch (error) {
      if (error instanceof Unreachable) throw new IpfsProblem({ code: 'mirror-failed', detail: error.message });
      throw error;
    }
    if (answer.status >= 300 && answer.status < 400) throw new IpfsProblem({ code: 'mirror-redirected' });
    if (answer.status !== 200) throw new IpfsProblem({ code: 'mirror-http', status: answer.status });
    const allowed = answer.headers.get('access-control-allow-origin')?.trim();
    if (allowed !== '*' && allowed !== CHECK_ORIGIN && !corsNoted) {
      corsNoted = true;
      findings.problem(
        gateway,
        "sends no Access-Control-Allow-Origin: * with its blocks, so readers' apps cannot read through it",
        'Suggest readers another gateway (docs/publishing.md, "Editions on IPFS").',
      );
    }
    if (!answer.bytes) throw new IpfsProblem({ code: 'mirror-too-large', megabytes: request.maxBytes / 1024 / 1024 });
    return answer.bytes;
  };
  return async (_findings, url, check) => {
    try {
      const bytes = await readThroughGateways(url, {
        gateways: [gateway],
        maxBytes: check.maxBytes,
        timeoutMs: TIMEOUT_MS,
        fetchFile: fetchBlock,
      });
      return { url, status: 200, headers: new Headers(), bytes };
    } catch (error) {
      if (!(error instanceof IpfsProblem)) throw error;
      const note = error.note.code === 'no-gateway-answered' ? error.note.last : error.note;
      findings.problem(
        url,
        `through ${gateway}: ${englishNote(note).replace(/\.$/, '')}`,
        note.code === 'gateway-altered' ? ALTERED : NOT_FOUND,
      );
      return undefined;
    }
  };
}
