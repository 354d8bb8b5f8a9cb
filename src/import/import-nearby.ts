import { errorText } from '../l10n/note-text.ts';
import { BundleError } from '../shared/bundle/bundle-format.ts';
import { decodeBundle } from '../shared/bundle/decode-bundle.ts';
import { importDecoded } from './import-decoded.ts';
import type { ImportReport } from './import-report.ts';

/**
 * One bundle that arrived whole over a Nearby channel, checked and stored like a file: each
 * article's signature decides its verdict, and refused ones are never stored. Only complete
 * bundles come here, so nothing partial can be stored.
 */
export async function importNearbyBundle(bytes: Uint8Array, source: string): Promise<ImportReport> {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return await importDecoded(await decodeBundle(text), source);
  } catch (error) {
    if (error instanceof BundleError) return { source, outcomes: [], error: errorText(error) };
    if (error instanceof TypeError) return { source, outcomes: [], error: errorText(new BundleError({ code: 'not-a-bundle' })) };
    throw error;
  }
}
