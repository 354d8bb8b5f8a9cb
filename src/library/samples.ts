import { inApp } from '../browser/app-folder.ts';
import { msg, str } from '@lit/localize';
import { importBundle } from '../import/import-bundle.ts';
import { getSettings, saveSetting } from '../browser/storage/settings.ts';
import { notifyLibraryChanged } from '../browser/library-changes.ts';

/**
 * On first start, the built-in sample bundles under /samples/ enter the library through the same
 * import as any bundle. Done once: a reader who deletes the sample does not get it back.
 */
let loading: Promise<void> | undefined;

export function loadSamplesOnFirstStart(): Promise<void> {
  loading ??= loadSamples().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function loadSamples(): Promise<void> {
  if ((await getSettings()).sampleLoaded) return;
  const response = await fetch(inApp('samples/index.json'));
  const status = response.status;
  if (!response.ok) throw new Error(msg(str`The built-in sample list is missing (HTTP ${status}).`));
  const files = (await response.json()) as string[];
  let stored = false;
  for (const file of files) {
    const bundle = await fetch(inApp(`samples/${encodeURIComponent(file)}`));
    const bundleStatus = bundle.status;
    if (!bundle.ok) throw new Error(msg(str`The built-in sample ${file} is missing (HTTP ${bundleStatus}).`));
    const outcomes = await importBundle(await bundle.text());
    stored ||= outcomes.some((outcome) => outcome.result !== 'kept');
  }
  await saveSetting('sampleLoaded', true);
  // Told like any import: a reader's first import can end while the sample is still on its way, and
  // the list it brought (kept for the next visit too) would then stay without the sample.
  if (stored) notifyLibraryChanged();
}
