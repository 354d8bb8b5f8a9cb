import { BundleError } from '../shared/bundle/bundle-format.ts';
import { decodeCompactPayload, payloadOfLink } from '../shared/bundle/compact-payload.ts';
import { importDecoded } from './import-decoded.ts';
import type { ImportOptions, ImportReport } from './import-report.ts';

/** Imports the articles a link carries in its fragment. */
export async function importLink(text: string, options: ImportOptions = {}): Promise<ImportReport> {
  const source = 'Link';
  try {
    const payload = payloadOfLink(text);
    if (!payload) return { source, outcomes: [], error: 'This is not a Pamphlet link: it carries no article.' };
    return await importDecoded(await decodeCompactPayload(payload), source, options);
  } catch (error) {
    if (error instanceof BundleError) return { source, outcomes: [], error: error.message };
    throw error;
  }
}
