import { parseArgs } from 'node:util';
import { INDEX_FILE, SOURCE_FILE } from '../../shared/edition/edition-format.ts';
import { checkEditionFiles } from '../check-mirror/check-edition-files.ts';
import { checkReaderApps } from '../check-mirror/check-reader-app.ts';
import { throughGateway } from '../check-mirror/ipfs-served-file.ts';
import { DEFAULT_GATEWAYS, gatewayList, gatewayProblem } from '../../shared/ipfs/default-gateways.ts';
import { forgetGateways } from '../../shared/ipfs/read-through-gateways.ts';
import { ipfsFolderOf, isIpfsAddress, isIpfsMirrorAddress } from '../../shared/ipfs/ipfs-scheme.ts';
import { MirrorFindings } from '../check-mirror/mirror-findings.ts';
import { CliError, USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';

/** The folder address: a trailing slash added, a file name of the edition taken off. */
function mirrorBase(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new CliError(`${address}: not a web address (http:// or https://).`, USAGE);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`${address}: not a web address (http:// or https://).`, USAGE);
  url.search = '';
  url.hash = '';
  for (const file of [INDEX_FILE, SOURCE_FILE]) if (url.pathname.endsWith(`/${file}`)) url.pathname = url.pathname.slice(0, -file.length);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

export const checkMirror: Command = {
  name: 'check-mirror',
  summary: 'tell whether a live mirror serves what readers need',
  help: `Usage: pamphlet check-mirror URL [--articles N]
       pamphlet check-mirror ipfs://CID/ | ipns://NAME/ [--gateway URL]... [--articles N]

Asks the mirror at URL (the address you give with pamphlet edition --mirror) for what readers'
apps fetch, as they fetch it (from another site, following no redirect), and checks it as they
do:
  pamphlet-index.json    there, readable from other sites (Access-Control-Allow-Origin), JSON,
                         signed by the key it names, not expired
  pamphlet-index.json.gz the index gzipped (readers ask for it first): a warning when it is
                         missing or unreadable from other sites, a problem when it holds
                         another index
  pamphlet-source.json   the same, and signed by the same key
  edition.html and the newest N article files
                         there, readable from other sites, text/html, of the hash the index gives,
                         each holding its article signed by the publisher
  app/                   when the source descriptor lists a reader address under URL, or the
                         folder is there: the reader's page, its service worker sw.js (served as
                         JavaScript) and its manifest, over https
Prints one line per problem, saying what is wrong and what to do, then a summary.
URL may be on your own network or this machine (a staging copy): the command fetches only files
under it.

An ipfs:// or ipns:// address is read through each gateway as readers' apps read it: block by
block, from another site, every block checked against its CID (and an ipns:// name's signed
record); one summary per gateway. The reader's page (app/) is not checked there.

Exit code 0 when readers get everything they need (warnings aside); 1 when there are problems.
On IPFS: 0 when at least one gateway serves everything, since readers try each in turn.

Options:
  --articles N     how many of the newest article files to fetch and check (default 5)
  --gateway URL    an IPFS gateway to read through (repeat for more; default: the gateways a
                   new reader's app starts with)
  --help           this text`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { articles: { type: 'string' }, gateway: { type: 'string', multiple: true } },
    });
    if (positionals.length !== 1) throw new CliError('check-mirror needs one URL (see pamphlet check-mirror --help).', USAGE);
    const sample = Number(values.articles ?? 5);
    if (!Number.isSafeInteger(sample) || sample < 0)
      throw new CliError(`--articles must be a whole number from 0 up, not “${values.articles}”.`, USAGE);
    if (isIpfsAddress(positionals[0]!)) return checkOnIpfs(positionals[0]!, values.gateway, sample);
    if (values.gateway) throw new CliError('--gateway is for ipfs:// and ipns:// addresses.', USAGE);
    const base = mirrorBase(positionals[0]!);
    const findings = new MirrorFindings();
    const { descriptor } = await checkEditionFiles(findings, base, sample);
    await checkReaderApps(findings, base, descriptor);
    process.stdout.write([...findings.lines, findings.summary(base)].map((line) => `${line}\n`).join(''));
    return findings.problems === 0 ? 0 : 1;
  },
};

/** Checks an edition on IPFS through each gateway in turn, as a reader whose list holds only that one would. */
async function checkOnIpfs(address: string, gatewayArguments: string[] | undefined, sample: number): Promise<number> {
  if (!isIpfsMirrorAddress(address)) throw new CliError(`${address}: not an IPFS address (ipfs://CID/ or ipns://NAME/).`, USAGE);
  const base = ipfsFolderOf(address);
  const gateways = gatewayArguments ? gatewayList(gatewayArguments.join('\n')) : [...DEFAULT_GATEWAYS];
  for (const gateway of gateways)
    if (gatewayProblem(gateway))
      throw new CliError(`--gateway ${gateway}: not a gateway's address (http:// or https://, no query).`, USAGE);
  let serving = 0;
  for (const gateway of gateways) {
    // Each gateway from nothing: a folder block checked from the one before must not stand in for this one's.
    forgetGateways();
    const findings = new MirrorFindings();
    await checkEditionFiles(findings, base, sample, throughGateway(gateway, findings));
    process.stdout.write([...findings.lines, findings.summary(`${base} through ${gateway}`)].map((line) => `${line}\n`).join(''));
    if (findings.problems === 0) serving++;
  }
  process.stdout.write(
    `${serving} of ${gateways.length} gateway${gateways.length === 1 ? '' : 's'} serve${gateways.length === 1 && serving === 1 ? 's' : ''} what readers need.\n`,
  );
  return serving > 0 ? 0 : 1;
}
