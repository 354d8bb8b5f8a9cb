import { parseArgs } from 'node:util';
import { encodeBundle } from '../../shared/bundle/encode-bundle.ts';
import { fingerprintOf } from '../../shared/signing.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { CliError, USAGE } from '../cli-error.ts';
import { finishArticles } from '../collect.ts';
import type { Command } from '../command.ts';
import { extractInputs } from '../extract/extract-inputs.ts';
import { readSigningKey } from '../keys.ts';
import { Progress } from '../progress.ts';
import { clockSequence, signDescriptor } from '../edition/sign-descriptor.ts';

export const pack: Command = {
  name: 'pack',
  summary: 'make one bundle from pages and feeds',
  help: `Usage: pamphlet pack INPUT... --out FILE [--key FILE [--name NAME] [--mirror URL]... [--app URL]...]
                     [--no-images] [--allow-private]

Makes one bundle holding the articles made from the inputs, signed when a key is given.
An INPUT is a saved HTML page, a page saved as one MHTML file (.mhtml, .mht; its images are read
from the archive, never fetched), a page URL, or an RSS, Atom or JSON Feed file or URL (one article
per item: the item's own content when it carries the whole article, else the page it links to).
Articles are extracted with Readability and sanitized; images are downscaled, re-encoded as WebP
and carried inside the bundle; anything that would stay on a server is left out.

Options:
  --out FILE     the bundle to write (written whole or not at all)
  --key FILE     a private key from pamphlet keygen, to sign every article
  --mirror URL   with --key: where your edition is published; repeat for several
  --app URL      with --key: where the reader app is hosted; repeat for several
  --name NAME    with --key: the publisher name readers see (default: the articles' publisher)
                 Given --mirror or --app, the bundle carries your signed source descriptor, so
                 that whoever gets it can find you (numbered by the clock: the newest wins)
  --no-images    leave images out (smaller bundles, faster)
  --allow-private
                 also fetch from loopback, private and link-local addresses; without it they are
                 refused, so that a page being packed cannot turn the command on your own network
  --help         this text`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        key: { type: 'string' },
        name: { type: 'string' },
        mirror: { type: 'string', multiple: true },
        app: { type: 'string', multiple: true },
        'no-images': { type: 'boolean' },
        'allow-private': { type: 'boolean' },
      },
    });
    if (positionals.length === 0 || !values.out)
      throw new CliError('pack needs at least one INPUT and --out FILE (see pamphlet pack --help).', USAGE);
    const mirrors = values.mirror ?? [];
    const apps = values.app ?? [];
    const wayHome = mirrors.length > 0 || apps.length > 0;
    if (wayHome && !values.key) throw new CliError('--mirror and --app go with --key: only a signed descriptor is believed.', USAGE);
    for (const address of [...mirrors, ...apps]) {
      if (!/^https?:\/\/[^/]/.test(address)) throw new CliError(`${address}: not a web address (http:// or https://).`, USAGE);
    }
    const key = values.key ? await readSigningKey(values.key) : undefined;
    const extracted = await extractInputs(
      positionals,
      { images: !values['no-images'], allowPrivate: Boolean(values['allow-private']) },
      new Progress(positionals.length, 'Reading'),
    );
    const { articles, images } = await finishArticles(extracted, key);
    // A descriptor naming neither mirror nor app would lead nowhere, and being newer it would
    // displace one that does in readers' libraries; so there is none without them.
    const publishers =
      key && wayHome
        ? [
            await signDescriptor(key, {
              name: values.name ?? articles[0]?.publisher.name ?? 'Unnamed publisher',
              mirrors,
              sequence: clockSequence(),
              apps,
            }),
          ]
        : [];
    const bundle = encodeBundle(articles, images, { publishers });
    await writeFileAtomic(values.out, bundle);
    const signer = key
      ? `signed by ${await fingerprintOf(key.publicKey)}, ${publishers.length > 0 ? 'with your source descriptor' : 'without a source descriptor (add --mirror or --app)'}`
      : 'unsigned';
    process.stdout.write(
      `Wrote ${values.out}: ${articles.length} article${articles.length === 1 ? '' : 's'}, ${images.length} image${images.length === 1 ? '' : 's'}, ${signer}, ${Math.ceil(Buffer.byteLength(bundle) / 1024)} KB.\n`,
    );
    return 0;
  },
};
