import { CHECK_ORIGIN, Unreachable, fetchMirrorFile, type MirrorAnswer } from './fetch-mirror-file.ts';
import type { MirrorFindings } from './mirror-findings.ts';

/** The kinds of file a mirror serves, each with the content types that are right for it. */
const CONTENT_TYPES = {
  json: { pattern: /^application\/([\w.-]+\+)?json$/, expected: 'application/json' },
  manifest: { pattern: /^application\/([\w.-]+\+)?json$/, expected: 'application/manifest+json' },
  html: { pattern: /^text\/html$/, expected: 'text/html' },
  javascript: { pattern: /^(text|application)\/(x-)?(java|ecma)script$/, expected: 'text/javascript' },
};

export interface ServedFileCheck {
  kind: keyof typeof CONTENT_TYPES;
  /** Whether readers' apps on other sites read it, so it needs Access-Control-Allow-Origin. */
  cors: boolean;
  maxBytes: number;
  /** What to do when the file is not there: upload what, or fix which setting. */
  whenMissing: string;
}

function essence(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Asks the mirror for one file and notes every way its answer falls short of what readers need:
 * unreachable, redirected, missing, too large, not readable from another origin, or of the wrong
 * content type. Resolves with the answer when it has a body to check further (even of a wrong
 * type, so that what is inside is checked too), else undefined.
 */
export async function servedFile(
  findings: MirrorFindings,
  url: string,
  check: ServedFileCheck,
): Promise<(MirrorAnswer & { bytes: Uint8Array }) | undefined> {
  let answer: MirrorAnswer;
  try {
    answer = await fetchMirrorFile(url, check.maxBytes);
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    findings.problem(url, error.message, 'Check the address, and that the host is up and reachable from outside.');
    return undefined;
  }
  const { status, headers } = answer;
  if (status >= 300 && status < 400) {
    const location = headers.get('location');
    findings.problem(
      url,
      `redirects${location ? ` to ${location}` : ''} (HTTP ${status}), and readers follow no redirect from a mirror`,
      'Give readers the address the files are served at, or serve them at this one.',
    );
    return undefined;
  }
  if (status < 200 || status > 299) {
    findings.problem(url, `answered HTTP ${status}`, check.whenMissing);
    return undefined;
  }
  if (check.cors) {
    const allowed = headers.get('access-control-allow-origin')?.trim();
    if (allowed !== '*' && allowed !== CHECK_ORIGIN)
      findings.problem(
        url,
        allowed
          ? `allows only ${allowed} to read it (Access-Control-Allow-Origin), so readers' apps on other sites cannot`
          : `sends no Access-Control-Allow-Origin header, so readers' apps on other sites cannot read it`,
        'Send "Access-Control-Allow-Origin: *" for every file of the edition folder (docs/publishing.md, section 3).',
      );
  }
  const type = essence(headers.get('content-type'));
  const { pattern, expected } = CONTENT_TYPES[check.kind];
  if (!pattern.test(type)) {
    const extension = /\.[a-z]+$/.exec(new URL(url).pathname)?.[0];
    findings.problem(
      url,
      `is served as ${type ? `"${type}"` : 'no Content-Type'}, not ${expected}`,
      `Serve ${extension ? `${extension} files` : 'it'} as ${expected} (in the host's MIME types or the upload's content type).`,
    );
  }
  if (!answer.bytes) {
    findings.problem(url, `is larger than readers take (${check.maxBytes} bytes)`, check.whenMissing);
    return undefined;
  }
  return { ...answer, bytes: answer.bytes };
}

/** How a file of the edition is had and its answer checked: from a web mirror (servedFile), or through an IPFS gateway. */
export type ReadServedFile = typeof servedFile;
