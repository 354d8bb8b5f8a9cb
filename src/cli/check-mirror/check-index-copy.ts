import { INDEX_COPY_FILE, INDEX_FILE, MAX_INDEX_BYTES, type EditionIndex } from '../../shared/edition/edition-format.ts';
import { indexJsonOfCopy } from '../../shared/sync/index-copy.ts';
import { CHECK_ORIGIN, Unreachable, fetchMirrorFile } from './fetch-mirror-file.ts';
import type { MirrorFindings } from './mirror-findings.ts';

const UPLOAD_BOTH = `Upload the whole edition folder, ${INDEX_COPY_FILE} and ${INDEX_FILE} last.`;

/**
 * The index's gzipped copy, which readers ask for first: a mirror without it (or one readers' apps
 * cannot read) costs them one more request a session, a warning; one that holds another index than
 * `index` is a problem, since readers would take that one and miss what the newer lists.
 */
export async function checkIndexCopy(
  findings: MirrorFindings,
  base: string,
  { index, bytes }: { index: EditionIndex; bytes: Uint8Array },
): Promise<void> {
  const url = `${base}${INDEX_COPY_FILE}`;
  let answer;
  try {
    answer = await fetchMirrorFile(url, MAX_INDEX_BYTES);
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    findings.warning(url, error.message, UPLOAD_BOTH);
    return;
  }
  if (answer.status < 200 || answer.status > 299) {
    findings.warning(
      url,
      `answered HTTP ${answer.status}, so readers ask for ${INDEX_FILE} next: one request more, at a size four times as large from a host that does not compress`,
      UPLOAD_BOTH,
    );
    return;
  }
  const allowed = answer.headers.get('access-control-allow-origin')?.trim();
  if (allowed !== '*' && allowed !== CHECK_ORIGIN)
    findings.warning(
      url,
      `cannot be read by readers' apps on other sites (Access-Control-Allow-Origin), so they ask for ${INDEX_FILE} next`,
      'Send "Access-Control-Allow-Origin: *" for every file of the edition folder, this one too.',
    );
  const json = answer.bytes && (await indexJsonOfCopy(answer.bytes, MAX_INDEX_BYTES));
  if (!json || json.length !== bytes.length || !json.every((byte, at) => byte === bytes[at])) {
    let copy: Partial<EditionIndex> | undefined;
    try {
      copy = json && (JSON.parse(new TextDecoder().decode(json)) as Partial<EditionIndex>);
    } catch {
      copy = undefined;
    }
    findings.problem(
      url,
      typeof copy?.sequence === 'number' && copy.sequence !== index.sequence
        ? `holds edition ${copy.sequence}, not the index's ${index.sequence}: readers read the copy first, and would take that one`
        : `does not hold ${INDEX_FILE} gzipped, and readers read the copy first`,
      UPLOAD_BOTH,
    );
    return;
  }
  findings.checked.push(`the index's gzipped copy`);
}
