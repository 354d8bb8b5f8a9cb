import { readFile } from 'node:fs/promises';
import { buildApp } from '../build.mjs';
import { BUILD_STAMP, buildInputsDigest } from '../scripts/build-inputs.mjs';
import { DIST, NEXT_DIST, ROOT } from './helpers/app-server.ts';

/**
 * The suite runs against the real production build: dist/ (rebuilt if its sources changed) and a
 * second build of the same sources under another build id, which the update tests deploy over it.
 */
export default async function globalSetup(): Promise<void> {
  const stamp = await readFile(`${DIST}/${BUILD_STAMP}`, 'utf8').catch(() => '');
  if (stamp !== (await buildInputsDigest(ROOT, process.env.PAMPHLET_BUILD_ID ?? ''))) {
    await buildApp({ outDir: DIST, quiet: true });
  }
  const previous = process.env.PAMPHLET_BUILD_ID;
  process.env.PAMPHLET_BUILD_ID = 'e2e-next';
  try {
    await buildApp({ outDir: NEXT_DIST, quiet: true });
  } finally {
    if (previous === undefined) delete process.env.PAMPHLET_BUILD_ID;
    else process.env.PAMPHLET_BUILD_ID = previous;
  }
}
