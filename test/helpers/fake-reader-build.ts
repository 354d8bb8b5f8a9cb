import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A few files shaped like `npm run build`'s dist/ with relative addresses, as `--with-app` takes
 * it: index.html naming its manifest and scripts, sw.js, the manifest and an asset. `files`
 * replaces or adds files by their path in the folder.
 */
export async function fakeReaderBuild(dir: string, files: Record<string, string> = {}): Promise<void> {
  const all: Record<string, string> = {
    'index.html':
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pamphlet</title>' +
      '<link rel="manifest" href="manifest.webmanifest"><link rel="icon" href="icons/tab.png">' +
      '<script type="module" src="assets/main.js"></script></head><body><pamphlet-app></pamphlet-app></body></html>\n',
    'sw.js': "self.addEventListener('fetch', () => undefined);\n",
    'manifest.webmanifest': JSON.stringify({ name: 'Pamphlet', start_url: './', scope: './', icons: [{ src: 'icons/192.png' }] }),
    'assets/main.js': 'export {};\n',
    'assets/old-chunk.js': 'export const old = 1;\n',
    'icons/tab.png': 'not really a picture',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}
