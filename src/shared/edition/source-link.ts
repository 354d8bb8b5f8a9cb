import { deflateRaw, inflateRaw } from '../bundle/compact-payload.ts';
import { base64UrlToBytes, bytesToBase64Url } from '../base64.ts';
import type { SourceDescriptor } from './edition-format.ts';
import { EditionError, parseSourceDescriptor } from './parse-edition.ts';

/**
 * A source descriptor as a link or QR text: `<app URL>#source=<base64url of deflate-raw(JSON)>`.
 * Like an article link, it sits in the fragment, which no server receives.
 */
export const SOURCE_FRAGMENT_KEY = 'source';

export async function sourceLink(appUrl: string, descriptor: SourceDescriptor): Promise<string> {
  const bytes = await deflateRaw(new TextEncoder().encode(JSON.stringify(descriptor)));
  return `${appUrl.replace(/[#?].*$/, '')}#${SOURCE_FRAGMENT_KEY}=${bytesToBase64Url(bytes)}`;
}

/** The verified descriptor a link carries, or undefined when the text holds no source link. */
export async function descriptorOfLink(text: string): Promise<SourceDescriptor | undefined> {
  const match = new RegExp(`#${SOURCE_FRAGMENT_KEY}=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) return undefined;
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await inflateRaw(base64UrlToBytes(match[1]!), 64 * 1024));
  } catch {
    throw new EditionError({ code: 'source-link-damaged' });
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new EditionError({ code: 'source-link-not-json' });
  }
  return parseSourceDescriptor(value);
}
