/**
 * The headers an MHTML archive starts with, read without its parser (read-mhtml.ts, which loads
 * only for an archive): enough to tell one from any other file, and to know its boundary.
 */

/** Enough of a file's start to hold an archive's headers. */
export const HEAD_BYTES = 16 * 1024;

/** The headers before the first blank line, their folded lines unfolded. */
function headerBlock(start: string): string {
  return (start.replace(/^\uFEFF/, '').split(/\r?\n\r?\n/, 1)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
}

function isArchiveHeaders(headers: string): boolean {
  return /^[!-9;-~]+:/.test(headers) && /^content-type:\s*multipart\/related\b/im.test(headers);
}

/**
 * Whether a file starts as an MHTML archive does: message headers, one of them saying
 * multipart/related. Given the file's first kilobytes, read as Latin-1.
 */
export function looksLikeArchive(start: string): boolean {
  return isArchiveHeaders(headerBlock(start));
}

/** The boundary between an archive's parts, or undefined when the file does not start as an archive. */
export function archiveBoundary(start: string): string | undefined {
  const headers = headerBlock(start);
  if (!isArchiveHeaders(headers)) return undefined;
  const contentType = /^content-type:(.*)$/im.exec(headers)?.[1] ?? '';
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return boundary?.[1] ?? boundary?.[2];
}
