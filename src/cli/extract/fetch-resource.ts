import { CliError } from '../cli-error.ts';

const TIMEOUT_MS = 20_000;
const MAX_BYTES = 32 * 1024 * 1024;

/**
 * Fetches a web resource for the publisher's command: http(s) only, with a timeout and a size
 * limit, and errors that name the address and the problem.
 */
export async function fetchResource(url: string, accept = '*/*'): Promise<{ bytes: Uint8Array; type: string; url: string }> {
  if (!/^https?:\/\//i.test(url)) throw new CliError(`${url}: only http and https addresses can be fetched.`);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept, 'user-agent': 'Pamphlet publisher (+https://github.com/)' },
      redirect: 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = (error as Error).name === 'TimeoutError' ? 'TimeoutError' : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new CliError(`${url}: could not be fetched (${why === 'TimeoutError' ? `no answer in ${TIMEOUT_MS / 1000} s` : why}).`);
  }
  if (!response.ok) throw new CliError(`${url}: the server answered HTTP ${response.status}.`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) throw new CliError(`${url}: ${Math.round(length / 1024 / 1024)} MB is over the 32 MB limit.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new CliError(`${url}: over the 32 MB limit.`);
  return { bytes, type: response.headers.get('content-type') ?? '', url: response.url || url };
}
