/**
 * MHTML archives laid out as Chromium writes them ("Saved by Blink"), made in the test from their
 * parts, so that each test shows what it reads. e2e/ has the real thing: Chromium's own snapshots.
 */

export interface Part {
  headers: Record<string, string>;
  /** The part's body as written in the file (already quoted-printable or base64). */
  body: string | Buffer;
}

export const BOUNDARY = '----MultipartBoundary--Test0123456789----';

export function archive(parts: Part[], { location = 'https://news.example/reports/report.html', close = true } = {}): Buffer {
  const head = [
    'From: <Saved by Blink>',
    `Snapshot-Content-Location: ${location}`,
    'Subject: A report',
    'Date: Mon, 7 Dec 2026 10:00:00 -0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    `\tboundary="${BOUNDARY}"`,
    '',
    '',
  ].join('\r\n');
  const chunks: Buffer[] = [Buffer.from(head, 'latin1')];
  for (const part of parts) {
    const headers = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n`, 'latin1'), Buffer.from(part.body), Buffer.from('\r\n', 'latin1'));
  }
  if (close) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}

/** Base64 in lines of 76, as MIME writes it. */
export function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** Quoted-printable of bytes, in lines no longer than 76 with soft breaks, as MIME writes it. */
export function quotedPrintable(bytes: Buffer): string {
  let line = '';
  const lines: string[] = [];
  for (const byte of bytes) {
    const char =
      byte === 0x0a
        ? '\n'
        : byte >= 33 && byte <= 126 && byte !== 61
          ? String.fromCharCode(byte)
          : byte === 32
            ? ' '
            : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (char === '\n') {
      lines.push(line);
      line = '';
      continue;
    }
    if (line.length + char.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += char;
  }
  lines.push(line);
  return lines.join('\r\n');
}
