import { inApp, nameInFolder } from './app-folder.ts';

/**
 * What the share sheet hands the app: the service worker receives the POST (the page is not
 * running yet), keeps each shared file and text here, and sends the page to `./?shared=1`, which
 * takes them out and imports them. Cache Storage, because both sides have it and it holds Blobs.
 */
export const INBOX_CACHE = nameInFolder('pamphlet-inbox');
export const SHARED_QUERY = 'shared';

export type InboxItem = { kind: 'file'; file: File } | { kind: 'text'; text: string };

const NAME_HEADER = 'x-pamphlet-name';
const KIND_HEADER = 'x-pamphlet-kind';

export async function putInInbox(items: InboxItem[]): Promise<void> {
  const cache = await caches.open(INBOX_CACHE);
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await Promise.all(
    items.map((item, index) => {
      const url = inApp(`__inbox/${stamp}/${index}`);
      const headers: Record<string, string> =
        item.kind === 'file'
          ? {
              [KIND_HEADER]: 'file',
              [NAME_HEADER]: encodeURIComponent(item.file.name),
              'content-type': item.file.type || 'application/octet-stream',
            }
          : { [KIND_HEADER]: 'text', 'content-type': 'text/plain; charset=utf-8' };
      return cache.put(url, new Response(item.kind === 'file' ? item.file : item.text, { headers }));
    }),
  );
}

/** Everything waiting in the inbox, removed from it. */
export async function takeFromInbox(): Promise<InboxItem[]> {
  if (typeof caches === 'undefined') return [];
  const cache = await caches.open(INBOX_CACHE);
  const items: InboxItem[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    await cache.delete(request);
    if (!response) continue;
    if (response.headers.get(KIND_HEADER) === 'file') {
      const name = decodeURIComponent(response.headers.get(NAME_HEADER) ?? 'Shared file');
      const blob = await response.blob();
      items.push({ kind: 'file', file: new File([blob], name, { type: blob.type }) });
    } else {
      items.push({ kind: 'text', text: await response.text() });
    }
  }
  return items;
}
