/**
 * The IPFS gateways a new reader starts with; Settings → IPFS gateways shows them, and the reader
 * may remove any or add their own. Only gateways in the reader's list are ever asked. Each must
 * answer the trustless gateway protocol (`?format=raw` blocks and `?format=ipns-record`) with
 * `Access-Control-Allow-Origin: *`, on a path address (`/ipfs/<cid>`) without a redirect, since the
 * reader follows none. A gateway is never trusted: every block is checked against its CID.
 */
export const DEFAULT_GATEWAYS: readonly string[] = [
  // Run by the IPFS project (Interplanetary Shipyard) for trustless clients alone: raw blocks, CARs
  // and IPNS records, and nothing a gateway could alter without it being caught.
  'https://trustless-gateway.link',
  // The IPFS project's general gateway, on other addresses than the first: a block that one
  // censor's list names trustless-gateway.link for may still come through here.
  'https://ipfs.io',
  // Another operator (4EVERLAND), on other networks and in another jurisdiction, so that one
  // operator's outage or one blocking order does not take every default away.
  'https://4everland.io',
];

/** The reader's list as Settings keeps it: one address per line, blank lines and spaces ignored. */
export function gatewayList(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    ),
  ];
}

/** Why a line of the list is not a gateway's address, if it is not: only http(s) origins with no query. */
export function gatewayProblem(line: string): string | undefined {
  let url: URL;
  try {
    url = new URL(line);
  } catch {
    return 'not-address';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'not-web';
  if (url.search || url.hash || url.username || url.password) return 'not-plain';
  return undefined;
}
