import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { CliError } from '../cli-error.ts';
import { RefusedAddress, publicOnlyLookup, refusalOf } from './public-only-lookup.ts';
import { readCappedBody } from './read-capped-body.ts';

const TIMEOUT_MS = 20_000;
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A failure that fetchResource says as "URL: problem". */
class FetchProblem extends Error {}

export interface FetchPolicy {
  /** Fetch from loopback, private and other non-public addresses too (the command's --allow-private). */
  allowPrivate: boolean;
}

// A pooled connection is reused for its host and port whatever lookup made it, so connections made
// under one policy are never handed to a request under the other.
const AGENTS = {
  public: {
    'http:': new http.Agent({ keepAlive: true, lookup: publicOnlyLookup }),
    'https:': new https.Agent({ keepAlive: true, lookup: publicOnlyLookup }),
  },
  any: { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) },
};

/**
 * One request, without following redirects. A host name is checked in the lookup that the
 * connection itself uses (publicOnlyLookup), so a name that answers with a public address for a
 * check and a private one for the connection gets nowhere; an address written as such is never
 * looked up, so it is checked here.
 */
function requestOnce(address: string, accept: string, policy: FetchPolicy, signal: AbortSignal): Promise<IncomingMessage> {
  const url = new URL(address);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchProblem('only http and https addresses can be fetched');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const refusal = !policy.allowPrivate && isIP(host) ? refusalOf(host, host) : undefined;
  if (refusal) throw refusal;
  const client = url.protocol === 'https:' ? https : http;
  const agent = AGENTS[policy.allowPrivate ? 'any' : 'public'][url.protocol];
  const headers = { accept, 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'Pamphlet publisher (+https://github.com/)' };
  return new Promise((resolve, reject) => client.get(url, { agent, headers, signal }, resolve).on('error', reject));
}

function describe(error: unknown, signal: AbortSignal): string {
  if (error instanceof FetchProblem || error instanceof RefusedAddress) return error.message;
  if (signal.aborted) return `no answer in ${TIMEOUT_MS / 1000} s`;
  return `could not be fetched (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
}

/**
 * Every fetch the publisher's command makes (inputs given as URLs, feed items' pages, images)
 * goes through here: http(s) only, every hop's address public unless the policy allows private
 * ones, at most 5 redirects, a timeout over the whole of it, and a size limit that holds however
 * the body comes (compressed, chunked, with a content-length that lies). A page or feed the
 * command packs is anyone's to write, and may name any address: without this, a newsroom's CI
 * could be made to fetch from the network it runs in.
 */
export async function fetchResource(
  url: string,
  accept: string,
  policy: FetchPolicy,
): Promise<{ bytes: Uint8Array; type: string; url: string }> {
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await requestOnce(current, accept, policy, signal);
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status) && response.headers.location) {
        response.destroy();
        if (redirects === MAX_REDIRECTS) throw new CliError(`${url}: more than ${MAX_REDIRECTS} redirects.`);
        current = new URL(response.headers.location, current).href;
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new FetchProblem(`the server answered HTTP ${status}`);
      }
      const bytes = await readCappedBody(response, MAX_BYTES);
      if (!bytes) throw new FetchProblem(`over the ${MAX_BYTES / 1024 / 1024} MB limit`);
      return { bytes, type: response.headers['content-type'] ?? '', url: current };
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${current === url ? url : `${url} (redirected to ${current})`}: ${describe(error, signal)}.`);
  }
}
