import { SHARED_QUERY, takeFromInbox } from '../browser/inbox.ts';
import { holdsLink } from './link-text.ts';
import { followLaunchTarget } from '../wipe/wipe-request.ts';
import { droppedFiles } from './dropped-files.ts';
import { importFiles, importLinkText } from './import-queue.ts';

/** What `launchQueue` hands a PWA opened with a file (File Handling API; Chromium only). */
interface LaunchParams {
  files: ReadonlyArray<{ getFile(): Promise<File> }>;
  targetURL?: string;
}
declare global {
  interface Window {
    launchQueue?: { setConsumer(consumer: (params: LaunchParams) => void): void };
  }
}

function isTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || element.localName === 'input' || element.localName === 'textarea');
}

function hasFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/**
 * A link that opened the app carries its article (or source) in the fragment; a `web+pamphlet:`
 * link opens the app with it in `?link=` (the manifest's protocol handler). Import it, then drop it
 * from the address, so that it is neither imported twice nor left in the history.
 */
function importFromAddress(): void {
  const params = new URLSearchParams(location.search);
  const handled = params.get('link');
  if (handled !== null) {
    params.delete('link');
    history.replaceState(history.state, '', location.pathname + (params.size ? `?${params}` : '') + location.hash);
    if (holdsLink(handled)) importLinkText(handled);
  }
  if (holdsLink(location.hash)) {
    const link = location.href;
    history.replaceState(history.state, '', location.pathname + location.search);
    importLinkText(link);
  }
}

async function importFromInbox(): Promise<void> {
  const params = new URLSearchParams(location.search);
  if (!params.has(SHARED_QUERY)) return;
  params.delete(SHARED_QUERY);
  history.replaceState(history.state, '', location.pathname + (params.size ? `?${params}` : ''));
  const items = await takeFromInbox();
  importFiles(items.flatMap((item) => (item.kind === 'file' ? [item.file] : [])));
  for (const item of items) if (item.kind === 'text' && holdsLink(item.text)) importLinkText(item.text);
}

/**
 * Every way articles arrive besides the Import button: dropped files, pasted files or links, a
 * link that opened the app, the share sheet (via the service worker's inbox), and files opened
 * with the installed app. All of them go through the import queue, so all get the same verdicts.
 */
export function listenForImports(): void {
  window.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = 'copy';
  });
  window.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    const data = event.dataTransfer!;
    const files = [...data.files];
    void droppedFiles(data, files).then(importFiles, () => importFiles(files));
  });
  document.addEventListener('paste', (event) => {
    if (isTextField(event.composedPath()[0] ?? null)) return;
    const files = [...(event.clipboardData?.files ?? [])];
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (files.length > 0) importFiles(files);
    else if (holdsLink(text)) importLinkText(text);
    else return;
    event.preventDefault();
  });
  window.launchQueue?.setConsumer((params) => {
    if (params.targetURL) followLaunchTarget(params.targetURL);
    void Promise.all(params.files.map((handle) => handle.getFile())).then(importFiles);
  });
  window.addEventListener('hashchange', importFromAddress);
  importFromAddress();
  void importFromInbox();
}
