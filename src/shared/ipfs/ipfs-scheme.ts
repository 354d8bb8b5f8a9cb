/**
 * Telling IPFS addresses apart, with nothing loaded: the page's first screen and every mirror list
 * check addresses with this, and only a read through gateways loads the rest of this folder.
 */

/** Whether `text` names something on IPFS: ipfs://… or ipns://… (it may still be malformed). */
export function isIpfsAddress(text: string): boolean {
  return /^ip[fn]s:\/\//i.test(text);
}

/**
 * Whether `text` has the form of a mirror on IPFS: `ipfs://<cid>/` or `ipns://<name>/` and a path,
 * with nothing but letters, digits, dots and dashes in the CID or name (a CID's bases, a key
 * name's base36, a DNSLink name). Whether the CID is one is checked when it is read.
 */
export function isIpfsMirrorAddress(text: string): boolean {
  return text.length <= 2048 && /^ip[fn]s:\/\/[A-Za-z0-9.-]{1,255}(\/[^?#\s]*)?$/.test(text);
}

/** The folder an IPFS address names, for a mirror list: `ipfs://<cid>/` from `ipfs://<cid>/pamphlet-source.json`. */
export function ipfsFolderOf(address: string): string {
  const trimmed = address.trim();
  const folder = trimmed.endsWith('.json') ? trimmed.slice(0, trimmed.lastIndexOf('/') + 1) : trimmed;
  return folder.endsWith('/') ? folder : `${folder}/`;
}
