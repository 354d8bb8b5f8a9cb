import { errorText } from '../l10n/note-text.ts';
import { BundleError } from '../shared/bundle/bundle-format.ts';
import { decodeNearbyBundle } from '../shared/nearby/nearby-bundle.ts';
import { importDecoded } from './import-decoded.ts';
import { MAX_IMPORT_BYTES } from './import-limits.ts';
import type { ImportReport } from './import-report.ts';

/**
 * One bundle that arrived whole over a Nearby channel, checked and stored like a file: each
 * article's signature decides its verdict, and refused ones are never stored. Only complete
 * bundles come here (their first byte already checked by the receiver), so nothing partial can
 * be stored.
 */
export async function importNearbyBundle(bytes: Uint8Array, source: string): Promise<ImportReport> {
  try {
    return await importDecoded(await decodeNearbyBundle(bytes, MAX_IMPORT_BYTES), source);
  } catch (error) {
    if (error instanceof BundleError) return { source, outcomes: [], error: errorText(error) };
    throw error;
  }
}
