import { msg } from '@lit/localize';
import { describeError } from '../l10n/describe-error.ts';
import { BundleError } from '../shared/bundle/bundle-format.ts';
import { decodeCompactPayload, payloadOfLink } from '../shared/bundle/compact-payload.ts';
import { EditionError } from '../shared/edition/parse-edition.ts';
import { descriptorOfLink } from '../shared/edition/source-link.ts';
import { fingerprintOf } from '../shared/signing.ts';
import { holdDecoded } from './import-decoded.ts';
import type { ImportOptions, ImportReport } from './import-report.ts';

/** Checks the articles a link carries in its fragment, holding them for the reader to add. */
export async function importLink(text: string, options: ImportOptions = {}): Promise<ImportReport> {
  const source = msg('Link');
  try {
    const descriptor = await descriptorOfLink(text);
    if (descriptor) return { source, outcomes: [], subscription: { ...descriptor, fingerprint: await fingerprintOf(descriptor.key) } };
    const payload = payloadOfLink(text);
    if (!payload) return { source, outcomes: [], error: msg('This is not a Pamphlet link: it carries no article.') };
    return await holdDecoded(await decodeCompactPayload(payload), source, options);
  } catch (error) {
    if (error instanceof BundleError || error instanceof EditionError) return { source, outcomes: [], error: await describeError(error) };
    throw error;
  }
}

/** Checks a compressed payload as a QR code carries it (one code, or rebuilt from frames), holding it likewise. */
export async function importPayloadBytes(bytes: Uint8Array, source: string, options: ImportOptions = {}): Promise<ImportReport> {
  try {
    return await holdDecoded(await decodeCompactPayload(bytes), source, options);
  } catch (error) {
    if (error instanceof BundleError) return { source, outcomes: [], error: await describeError(error) };
    throw error;
  }
}
