import { parseArgs } from 'node:util';
import { fingerprintOf } from '../../shared/signing.ts';
import { CliError, USAGE } from '../cli-error.ts';
import { finishArticles } from '../collect.ts';
import type { Command } from '../command.ts';
import { buildEdition } from '../edition/build-edition.ts';
import { checkReaderBuild } from '../edition/check-reader-build.ts';
import { readerApps } from '../../shared/edition/reader-apps.ts';
import { extractInputs } from '../extract/extract-inputs.ts';
import { readSigningKey } from '../keys.ts';
import { Progress } from '../progress.ts';
import { writeEditionCar } from '../ipfs/write-edition-car.ts';
import { isIpfsMirrorAddress } from '../../shared/ipfs/ipfs-scheme.ts';

function positiveInteger(value: string | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new CliError(`${option} must be a whole number from 1 up, not “${value}”.`, USAGE);
  return number;
}

export const edition: Command = {
  name: 'edition',
  summary: 'make or update a mirror-ready folder of signed articles',
  help: `Usage: pamphlet edition INPUT... --key FILE --out DIR [--name NAME] [--mirror URL]...
                        [--app URL]... [--with-app DIR] [--newest N] [--expires-days D]
                        [--no-images] [--no-pack] [--allow-private] [--car FILE]

Builds a static folder that any mirror, CDN or peer can carry without being trusted:
  pamphlet-index.json    the signed index: publisher, key, mirrors, sequence, times, articles
  pamphlet-source.json   what readers open to subscribe (name, key, mirrors, app), signed
  edition.html           a bundle of the newest articles
  articles/<id>.html     one bundle per article
  packs/<hash>.pack      every article in one file, newest first: a reader far behind catches up
                         in one request, and one a few articles behind reads only its start
  app/                   the reader app, with --with-app, so that every mirror serves it too
Every bundle carries the source descriptor too, so that an article passed hand to hand still
leads to your mirrors and to the reader app.
Running it again on the same folder adds what is new and keeps what says the same, as it was.
An article already there whose text changed (its title, byline, date or content, at the same
guid: a page at the same canonical address, a feed item with the same guid) is a correction: it
is issued at the next revision, dated (from the page's dateModified or the item's updated when
they are newer, else now) and signed again, and readers' apps replace their copy on their next
sync. Inputs are as for pamphlet pack; an article's date is the page's or item's own, or none.

Options:
  --key FILE          the publisher's private key (from pamphlet keygen); required
  --out DIR           the folder to create or update
  --name NAME         the publisher name readers see (required for a new folder)
  --mirror URL        a base URL where the folder is published (or ipns://NAME/ for an IPNS name
                      pointed at its CAR's root); repeat for several. Given, the
                      list replaces the previous one (to rotate mirrors); not given, it is kept
  --app URL           where the reader app is hosted, for people who do not have it yet; repeat
                      for several. Given, the list replaces the previous one; not given, it is kept
  --with-app DIR      copy the reader app built in DIR (npm run build's dist/) into the folder's
                      app/, replacing what an earlier run put there, and list <mirror>/app/ for
                      every mirror among the reader's addresses (after those of --app). Later
                      runs keep listing them while app/ is there
  --newest N          how many articles edition.html holds (default 20)
  --expires-days D    readers refuse the index D days after it is made (default 30)
  --no-images         leave images out
  --no-pack           write no pack (readers then fetch article by article); the pack of an
                      earlier run is left for mirrors that still serve its index
  --allow-private     also fetch from loopback, private and link-local addresses; without it they
                      are refused, so that a page being packed cannot turn the command on your
                      own network
  --car FILE          also write the whole folder (app/ with it) as one CAR file, and print its
                      root CID: pin the file with any IPFS service or node, then readers follow
                      ipfs://<root>/ (or an IPNS name pointed at it) through any gateway
  --help              this text`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        key: { type: 'string' },
        out: { type: 'string' },
        name: { type: 'string' },
        mirror: { type: 'string', multiple: true },
        app: { type: 'string', multiple: true },
        'with-app': { type: 'string' },
        newest: { type: 'string' },
        'expires-days': { type: 'string' },
        'no-images': { type: 'boolean' },
        'no-pack': { type: 'boolean' },
        'allow-private': { type: 'boolean' },
        car: { type: 'string' },
      },
    });
    if (!values.key || !values.out) throw new CliError('edition needs --key FILE and --out DIR (see pamphlet edition --help).', USAGE);
    for (const mirror of values.mirror ?? []) {
      if (!/^https?:\/\/[^/]/.test(mirror) && !isIpfsMirrorAddress(mirror))
        throw new CliError(
          `--mirror ${mirror}: not a web address (http:// or https://) nor a folder on IPFS (ipns://NAME/ or ipfs://CID/).`,
          USAGE,
        );
    }
    for (const app of values.app ?? []) {
      if (!/^https?:\/\/[^/]/.test(app)) throw new CliError(`--app ${app}: not a web address (http:// or https://).`, USAGE);
    }
    // Checked before anything is fetched or written: a wrong folder costs nothing.
    const reader = values['with-app'] === undefined ? undefined : await checkReaderBuild(values['with-app']);
    const key = await readSigningKey(values.key);
    const progress = new Progress(positionals.length, 'Reading');
    const extracted = await extractInputs(
      positionals,
      { images: !values['no-images'], allowPrivate: Boolean(values['allow-private']) },
      progress,
    );
    const { articles, images, modified } = await finishArticles(extracted, key);
    const result = await buildEdition(articles, images, {
      dir: values.out,
      key,
      ...(values.name ? { name: values.name } : {}),
      mirrors: values.mirror ?? [],
      apps: values.app ?? [],
      ...(reader ? { reader } : {}),
      newest: positiveInteger(values.newest, 20, '--newest'),
      expiresInDays: positiveInteger(values['expires-days'], 30, '--expires-days'),
      modified,
      pack: !values['no-pack'],
      warn: (message) => progress.warn(message),
    });
    const { index } = result;
    if (reader && index.mirrors.length === 0)
      progress.warn('The reader app is in app/, but the edition lists no mirror to serve it from: add --mirror URL.');
    const apps = readerApps(result.descriptor);
    process.stdout.write(
      `Edition ${index.sequence} of ${index.publisher.name} (${await fingerprintOf(key.publicKey)}) in ${values.out}: ` +
        `${result.added} added, ${result.replaced} replaced (corrected), ${result.kept} unchanged, ${index.articles.length} in all; ` +
        `expires ${index.expires}; mirrors: ${index.mirrors.length > 0 ? index.mirrors.join(', ') : 'none listed'}; ` +
        `reader app${reader ? ' copied into app/' : ''}: ${apps.length > 0 ? apps.join(', ') : 'none listed'}.\n`,
    );
    if (values.car) {
      // After the folder is whole: the CAR holds exactly what a mirror would serve.
      const car = await writeEditionCar(values.out, values.car);
      process.stdout.write(
        `CAR ${values.car}: ${car.blocks} blocks, ${car.bytes} bytes; root CID ${car.root.toString()}\n` +
          `Pin it, then readers can follow ipfs://${car.root.toString()}/\n`,
      );
    }
    return 0;
  },
};
