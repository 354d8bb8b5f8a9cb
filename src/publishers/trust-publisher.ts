import { msg, str } from '@lit/localize';
import { ReaderError } from '../shared/note.ts';
import { fingerprintOf } from '../shared/signing.ts';
import { namesLookAlike } from '../shared/text/confusable-skeleton.ts';
import { hiddenCharacterIn } from '../shared/text/hidden-characters.ts';
import type { TrustedKey } from '../shared/verdict.ts';
import { listSources } from '../browser/storage/sources.ts';
import { putTrustedKey, trustedKeys } from '../browser/storage/trusted-keys.ts';

/** The longest name a reader may give a publisher (as long as a signed descriptor's). */
const MAX_NAME = 300;

/** A key not trusted, with the reason in the reader's language. */
export class TrustRefused extends ReaderError {
  constructor(reason: string) {
    super(reason);
    this.name = 'TrustRefused';
  }
}

/**
 * Why `key` may not be trusted under `name`, or undefined when it may. The one check behind every
 * way a key comes to be trusted (the trust form, Follow from a source file, link, address or a
 * bundle's publisher details, a restored backup): a name is what the reader sees beside
 * "Verified", so no two keys may go by names a reader could take for one another (compared by
 * their UTS #39 skeletons, so a Cyrillic "Е" or a zero-width space makes no new name), and no name
 * may hide characters that make it read as something else.
 */
export async function trustProblem(key: string, name: string): Promise<string | undefined> {
  const trimmed = name.trim();
  if (trimmed === '') return msg('Give the publisher a name: it is what you will see beside “Verified”.');
  if (trimmed.length > MAX_NAME) {
    const max = MAX_NAME;
    return msg(str`A publisher’s name may be at most ${max} characters long.`);
  }
  const hidden = hiddenCharacterIn(trimmed) ?? (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed) ? 'control' : undefined);
  if (hidden) return msg(str`The name holds a hidden character (${hidden}) that can make it read as another name.`);
  const [trusted, sources] = await Promise.all([trustedKeys(), listSources()]);
  const known = [
    ...trusted.values(),
    ...sources.flatMap((source) => (source.kind === 'edition' ? [{ key: source.id, name: source.name }] : [])),
  ];
  const namesake = known.find((entry) => entry.key !== key && namesLookAlike(entry.name, trimmed));
  if (!namesake) return undefined;
  const [other, fingerprint] = [namesake.name, await fingerprintOf(namesake.key)];
  return msg(
    str`You already trust another key as “${other}” (key ${fingerprint}). A second publisher by a name that looks the same could pass for it, so this key is not trusted under that name.`,
  );
}

/** Trusts `key` under `name` from now on (its articles show as Verified), or throws TrustRefused. */
export async function trustPublisher(key: string, name: string): Promise<TrustedKey> {
  const problem = await trustProblem(key, name);
  if (problem) throw new TrustRefused(problem);
  const entry: TrustedKey = { key, name: name.trim(), origin: 'reader', addedAt: Date.now() };
  await putTrustedKey(entry);
  return entry;
}
