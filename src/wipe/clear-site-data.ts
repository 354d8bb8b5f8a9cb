/**
 * Asks the server for `Clear-Site-Data` (server/server.mjs answers `/clear-site-data` with it):
 * the one thing that makes the browser delete the origin's default storage from the disk
 * (IndexedDB files of a library from before buckets, caches still held open), where deleting
 * leaves bytes until a compaction. Offline, or from a host that cannot send the header, it does
 * nothing, and the wiped screen asks again when the network comes back.
 */
export async function askServerToClear(): Promise<boolean> {
  try {
    const response = await fetch(new URL('clear-site-data', document.baseURI), {
      cache: 'no-store',
      credentials: 'same-origin',
      signal: AbortSignal.timeout(10_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
