/**
 * `npm start`: builds the app when dist/ is missing or older than its sources, then serves it at
 * http://localhost:8080 (PORT overrides) with the headers a PWA needs.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { BUILD_STAMP, buildInputsDigest } from './build-inputs.mjs';
import { createAppServer, listen } from '../server/server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

async function isCurrent() {
  const stamp = await readFile(join(DIST, BUILD_STAMP), 'utf8').catch(() => '');
  return stamp === (await buildInputsDigest(ROOT, process.env.PAMPHLET_BUILD_ID ?? ''));
}

if (!(await isCurrent())) {
  console.log('dist/ is missing or out of date: building.');
  const { buildApp } = await import('../build.mjs');
  await buildApp({ outDir: DIST });
}
const port = Number(process.env.PORT ?? 8080);
const url = await listen(createAppServer(DIST), port).catch((error) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port.` : error);
  process.exit(1);
});
console.log(`Pamphlet is at ${url}/`);
