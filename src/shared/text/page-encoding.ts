import sniffHTMLEncoding from 'html-encoding-sniffer';

/** What the sniffer answers when nothing declares the encoding: then the bytes themselves decide. */
const UNDECLARED = 'undeclared';

/** The charset a Content-Type header names, if any (`text/html; charset=windows-1251`). */
function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
}

/** The encoding an XML declaration names (`<?xml version="1.0" encoding="windows-1251"?>`): a feed's. */
function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

/**
 * A web page's text from its bytes, decoded as a browser decodes it: by its byte-order mark, then
 * the charset its server sent, then the one its `<meta>` declares (the HTML standard's sniffing,
 * through html-encoding-sniffer). Pages in Russian, Ukrainian or Persian are still often saved in
 * windows-1251, KOI8-R or windows-1256, and read as UTF-8 they come out as mojibake. A feed's XML
 * declaration counts as a `<meta>` would. A page that declares nothing is UTF-8 when its bytes are valid UTF-8, and windows-1252 otherwise, as
 * browsers fall back.
 */
export function decodePage(bytes: Uint8Array, contentType?: string): string {
  const label = charsetOf(contentType) ?? xmlDeclaredEncoding(bytes);
  const encoding = sniffHTMLEncoding(bytes, {
    defaultEncoding: UNDECLARED,
    ...(label ? { transportLayerEncodingLabel: label } : {}),
  });
  if (encoding !== UNDECLARED) {
    try {
      return new TextDecoder(encoding).decode(bytes);
    } catch {
      // A name this runtime's decoder lacks: decode as if undeclared.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * A feed's (or a page's) text from its bytes: a JSON Feed is UTF-8, as all JSON is; an RSS or Atom
 * feed, or a page, is decoded as decodePage does.
 */
export function decodeFeed(bytes: Uint8Array, contentType?: string): string {
  const first = bytes.find((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);
  return first === 0x7b ? new TextDecoder().decode(bytes) : decodePage(bytes, contentType);
}
