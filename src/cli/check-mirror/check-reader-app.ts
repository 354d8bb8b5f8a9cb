import { READER_FOLDER, type SourceDescriptor } from '../../shared/edition/edition-format.ts';
import { readerApps } from '../../shared/edition/reader-apps.ts';
import { pageReferences } from '../edition/page-references.ts';
import { Unreachable, fetchMirrorFile } from './fetch-mirror-file.ts';
import type { MirrorFindings } from './mirror-findings.ts';
import { servedFile } from './served-file.ts';

const MAX_APP_FILE_BYTES = 16 * 1024 * 1024;
const UPLOAD_APP = `Upload the edition folder's ${READER_FOLDER}/ whole (pamphlet edition --with-app DIR puts the reader there).`;

/** Whether a browser counts the host as a secure context over plain http, as it does loopback. */
function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname);
}

/** Whether the mirror answers with a page for `url`, without noting anything. */
async function answers(url: string): Promise<boolean> {
  try {
    return (await fetchMirrorFile(url, MAX_APP_FILE_BYTES)).status === 200;
  } catch (error) {
    if (error instanceof Unreachable) return false;
    throw error;
  }
}

/**
 * The reader's page at `app`: a folder address must give index.html, as a person following the
 * link asks for the folder. A host that serves index.html only by its name is told so in one line.
 */
async function readerPage(findings: MirrorFindings, app: string): Promise<string | undefined> {
  const check = { kind: 'html', cors: false, maxBytes: MAX_APP_FILE_BYTES, whenMissing: UPLOAD_APP } as const;
  if (app.endsWith('/') && !(await answers(app)) && (await answers(`${app}index.html`))) {
    findings.problem(
      app,
      'does not answer with the reader, though index.html is there',
      'Make the host serve index.html for a folder address (on object storage, turn on its website hosting).',
    );
    app = `${app}index.html`;
  }
  const page = await servedFile(findings, app, check);
  return page && new TextDecoder().decode(page.bytes);
}

async function checkApp(findings: MirrorFindings, app: string): Promise<void> {
  const url = new URL(app);
  if (url.protocol === 'http:' && !isLoopback(url))
    findings.problem(
      app,
      'is served over http, where browsers run no service worker, so the reader can be neither installed nor used offline from here',
      'Serve the mirror over https.',
    );
  const html = await readerPage(findings, app);
  await servedFile(findings, new URL('sw.js', url).href, {
    kind: 'javascript',
    cors: false,
    maxBytes: MAX_APP_FILE_BYTES,
    whenMissing: `${UPLOAD_APP} Without its service worker the reader neither installs nor works offline.`,
  });
  if (html !== undefined) {
    const manifest = pageReferences(html).manifest;
    const manifestUrl = manifest ? new URL(manifest, url) : undefined;
    if (!manifestUrl) findings.problem(app, 'names no web app manifest, so the reader cannot be installed from it', UPLOAD_APP);
    else if (manifestUrl.origin !== url.origin)
      findings.warning(
        app,
        `takes its manifest from another site (${manifestUrl.href}), not checked here`,
        'Use a build of the reader whose addresses are relative.',
      );
    else
      await servedFile(findings, manifestUrl.href, {
        kind: 'manifest',
        cors: false,
        maxBytes: MAX_APP_FILE_BYTES,
        whenMissing: UPLOAD_APP,
      });
  }
  findings.checked.push(`the reader app at ${app}`);
}

/**
 * Checks every reader address the descriptor lists under this mirror, and the edition's `app/`
 * folder if it is there unlisted: what a person sent there needs to install the reader (its page,
 * its service worker, its manifest). Addresses on other hosts are not this mirror's to check.
 */
export async function checkReaderApps(findings: MirrorFindings, base: string, descriptor?: SourceDescriptor): Promise<void> {
  const listed = descriptor ? readerApps(descriptor).filter((app) => new URL(app).href.startsWith(base)) : [];
  const folder = `${base}${READER_FOLDER}/`;
  if (!listed.some((app) => new URL(app).href === folder) && (await answers(`${folder}index.html`))) {
    if (descriptor)
      findings.warning(
        folder,
        'serves the reader app, but the source descriptor does not list it, so nobody is sent here to install it',
        'Run pamphlet edition with this mirror among its --mirror addresses (or with --app URL).',
      );
    listed.push(folder);
  }
  for (const app of listed) await checkApp(findings, app);
}
