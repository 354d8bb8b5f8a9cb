import { readFile } from 'node:fs/promises';
import { buildApp } from '../build.mjs';
import { DIST, ROOT } from '../e2e/helpers/app-server.ts';
import { BUILD_STAMP, buildInputsDigest } from '../scripts/build-inputs.mjs';

/** Builds dist/ unless it is current, so the bench always measures the code as it is. */
export async function ensureBuilt(): Promise<void> {
  const stamp = await readFile(`${DIST}/${BUILD_STAMP}`, 'utf8').catch(() => '');
  if (stamp !== (await buildInputsDigest(ROOT, process.env.PAMPHLET_BUILD_ID ?? ''))) {
    await buildApp({ outDir: DIST, quiet: true });
  }
}
