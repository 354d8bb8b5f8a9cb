import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fingerprintOf, generateSigningKey } from '../../shared/signing.ts';
import { CliError, USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { pemOf } from '../keys.ts';

export const keygen: Command = {
  name: 'keygen',
  summary: 'make a new Ed25519 signing key',
  help: `Usage: pamphlet keygen --out FILE

Makes a new Ed25519 key pair. The private key is written to FILE as PKCS#8 (PEM), readable by
its owner only (mode 0600); an existing file is never overwritten. The public key and its
fingerprint are printed: publish them where readers can check them.

Make the key on a machine that is not online, and keep FILE there (see docs/publishing.md).

Options:
  --out FILE   where to write the private key
  --help       this text`,
  async run(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    if (!values.out) throw new CliError('keygen needs --out FILE (see pamphlet keygen --help).', USAGE);
    const key = await generateSigningKey();
    try {
      await writeFile(values.out, pemOf(key.pkcs8), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new CliError(`${values.out} already exists; pamphlet never overwrites a key. Choose another file.`);
      }
      throw new CliError(`Cannot write ${values.out}: ${(error as Error).message}.`);
    }
    process.stdout.write(`Wrote the private key to ${values.out} (mode 0600). Keep it offline.\n`);
    process.stdout.write(`public key:  ${key.publicKey}\nfingerprint: ${await fingerprintOf(key.publicKey)}\n`);
    return 0;
  },
};
