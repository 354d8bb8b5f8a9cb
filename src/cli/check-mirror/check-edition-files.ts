import { decodeBundle } from '../../shared/bundle/decode-bundle.ts';
import {
  INDEX_FILE,
  MAX_ARTICLE_FILE_BYTES,
  MAX_INDEX_BYTES,
  MAX_SOURCE_BYTES,
  SOURCE_FILE,
  type EditionIndex,
  type SourceDescriptor,
} from '../../shared/edition/edition-format.ts';
import { EditionError, parseEditionIndex, parseSourceDescriptor } from '../../shared/edition/parse-edition.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { checkSignature } from '../../shared/signing.ts';
import { checkIndexCopy } from './check-index-copy.ts';
import type { MirrorFindings } from './mirror-findings.ts';
import { servedFile, type ReadServedFile } from './served-file.ts';

const REUPLOAD = 'Upload the folder again as pamphlet edition wrote it (pamphlet verify DIR checks it before upload).';
const UPLOAD_ALL = 'Upload the whole edition folder, pamphlet-index.json last.';
/** Longer than this, readers may be kept from new articles by a cached index for too long. */
const INDEX_CACHE_SECONDS = 600;

/** The value of a JSON file, or undefined (said) when it is not JSON: often a web page served instead. */
function jsonOf(findings: MirrorFindings, url: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    findings.problem(url, 'is not JSON (a web page or an error page served in its place?)', UPLOAD_ALL);
    return undefined;
  }
}

function whyNot(error: unknown): string {
  return error instanceof EditionError ? error.message.replace(/\.$/, '') : String(error);
}

function checkIndexCaching(findings: MirrorFindings, url: string, cacheControl: string | null): void {
  if (!cacheControl || /\bno-(cache|store)\b/i.test(cacheControl)) return;
  const maxAge = Number(/\b(?:s-)?max-age=(\d+)/i.exec(cacheControl)?.[1] ?? 0);
  if (maxAge > INDEX_CACHE_SECONDS)
    findings.warning(
      url,
      `may be cached for ${maxAge} s (Cache-Control: ${cacheControl}), keeping new articles from readers that long`,
      'Send "Cache-Control: no-cache" for pamphlet-index.json.',
    );
}

async function checkIndex(
  findings: MirrorFindings,
  base: string,
  read: ReadServedFile,
): Promise<{ index: EditionIndex; bytes: Uint8Array } | undefined> {
  const url = `${base}${INDEX_FILE}`;
  const answer = await read(findings, url, { kind: 'json', cors: true, maxBytes: MAX_INDEX_BYTES, whenMissing: UPLOAD_ALL });
  const value = answer && jsonOf(findings, url, answer.bytes);
  if (!answer || value === undefined) return undefined;
  let index: EditionIndex;
  try {
    index = await parseEditionIndex(value);
  } catch (error) {
    findings.problem(url, whyNot(error), REUPLOAD);
    return undefined;
  }
  if (Date.parse(index.expires) < Date.now())
    findings.problem(
      url,
      `expired on ${index.expires}, and readers refuse an expired index`,
      'Run pamphlet edition and upload the folder again, more often than --expires-days.',
    );
  checkIndexCaching(findings, url, answer.headers.get('cache-control'));
  const listed = index.mirrors.map((mirror) => (mirror.endsWith('/') ? mirror : `${mirror}/`));
  // An ipfs:// address names one edition's content, so no index can list its own; ipns:// can.
  if (!listed.includes(base) && !base.startsWith('ipfs://'))
    findings.warning(
      url,
      'this address is not among the mirrors the index lists, so readers only find it if they are given it',
      'Add it with pamphlet edition --mirror URL (with the others), if readers should use it.',
    );
  findings.checked.push(
    `the signed index (edition ${index.sequence} of ${index.publisher.name}, ${index.articles.length} article${index.articles.length === 1 ? '' : 's'})`,
  );
  return { index, bytes: answer.bytes };
}

async function checkDescriptor(
  findings: MirrorFindings,
  base: string,
  read: ReadServedFile,
  index?: EditionIndex,
): Promise<SourceDescriptor | undefined> {
  const url = `${base}${SOURCE_FILE}`;
  const answer = await read(findings, url, { kind: 'json', cors: true, maxBytes: MAX_SOURCE_BYTES, whenMissing: UPLOAD_ALL });
  const value = answer && jsonOf(findings, url, answer.bytes);
  if (value === undefined) return undefined;
  let descriptor: SourceDescriptor;
  try {
    descriptor = await parseSourceDescriptor(value);
  } catch (error) {
    findings.problem(url, whyNot(error), REUPLOAD);
    return undefined;
  }
  if (index && descriptor.key !== index.publisher.key)
    findings.problem(url, 'names another key than the index', 'Upload the descriptor and the index of the same edition folder.');
  else if (index && (descriptor.sequence ?? 0) < index.sequence)
    findings.warning(
      url,
      `is older than the index (number ${descriptor.sequence ?? 'none'}, the index ${index.sequence}), so readers who subscribe get older details`,
      UPLOAD_ALL,
    );
  findings.checked.push('the source descriptor');
  return descriptor;
}

/** One bundle the index lists: there, of the size and hash it gives, holding the article signed by its key. */
async function checkListedFile(
  findings: MirrorFindings,
  base: string,
  index: EditionIndex,
  entry: { path: string; size: number; hash: string; id?: string; revision?: number },
  read: ReadServedFile,
): Promise<void> {
  const url = new URL(entry.path, base).href;
  if (!url.startsWith(base)) return;
  const bytes = (
    await read(findings, url, {
      kind: 'html',
      cors: true,
      maxBytes: MAX_ARTICLE_FILE_BYTES,
      whenMissing: `${UPLOAD_ALL} The index lists ${entry.path}.`,
    })
  )?.bytes;
  if (!bytes) return;
  if (bytes.length !== entry.size || (await sha256Hex(bytes)) !== entry.hash) {
    findings.problem(url, 'does not match the size and hash the signed index gives, so readers refuse it', UPLOAD_ALL);
    return;
  }
  if (!entry.id) return;
  try {
    const { articles } = await decodeBundle(bytes);
    const article = articles.find((candidate) => candidate.id === entry.id && candidate.revision === entry.revision);
    const check = article ? await checkSignature(article) : undefined;
    if (check?.status !== 'signed' || check.key !== index.publisher.key) throw new Error('not the article signed by the publisher');
  } catch (error) {
    findings.problem(url, `does not hold the signed article the index lists (${(error as Error).message})`, REUPLOAD);
  }
}

/**
 * Checks what a reader's sync reads from the mirror, with the reader's own checks: the signed
 * index, the source descriptor, the edition bundle and the newest `sample` article files, each
 * read by `read` (from a web mirror, or through one IPFS gateway).
 */
export async function checkEditionFiles(
  findings: MirrorFindings,
  base: string,
  sample: number,
  read: ReadServedFile = servedFile,
): Promise<{ index?: EditionIndex; descriptor?: SourceDescriptor }> {
  const served = await checkIndex(findings, base, read);
  const index = served?.index;
  const descriptor = await checkDescriptor(findings, base, read, index);
  if (!served || !index) return { ...(descriptor ? { descriptor } : {}) };
  // Readers ask IPFS mirrors for the index itself: a gateway's answers cost the same either way.
  if (read === servedFile) await checkIndexCopy(findings, base, served);
  await checkListedFile(findings, base, index, index.edition, read);
  const articles = index.articles.slice(0, sample);
  for (const entry of articles) await checkListedFile(findings, base, index, entry, read);
  findings.checked.push(`${index.edition.path} and ${articles.length} of ${index.articles.length} article files`);
  return { index, ...(descriptor ? { descriptor } : {}) };
}
