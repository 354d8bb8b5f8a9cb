import { msg, str } from '@lit/localize';
import { errorText } from '../l10n/note-text.ts';
import type { EditionSource } from '../shared/db-schema.ts';
import type { SourceDescriptor } from '../shared/edition/edition-format.ts';
import { EditionError, parseSourceDescriptor } from '../shared/edition/parse-edition.ts';
import { fingerprintOf } from '../shared/signing.ts';
import { namesLookAlike } from '../shared/text/confusable-skeleton.ts';
import { keepPublishers, sequenceOf } from '../browser/storage/publishers.ts';
import { getSource, listSources, putSource } from '../browser/storage/sources.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';

/** What became of one publisher's descriptor that came in a bundle, for the import report. */
export type PublisherOutcome =
  /** Valid, and its publisher is not followed: the reader may follow it in one tap. */
  | { kind: 'offer'; descriptor: SourceDescriptor; fingerprint: string }
  /** Newer than what a followed source knew: its mirrors are now the descriptor's. */
  | { kind: 'updated'; name: string; mirrors: number }
  /** Followed already, and nothing newer. */
  | { kind: 'current'; name: string }
  /** Not used, with the reason, in the UI's language. */
  | { kind: 'ignored'; name: string; reason: string };

function claimedName(value: unknown): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.slice(0, 80) : msg('an unnamed publisher');
}

/** When the descriptors could not be kept (storage trouble): each said to be ignored, with why. */
export function publishersNotTaken(listed: readonly unknown[], error: unknown): PublisherOutcome[] {
  const reason = errorText(error);
  return listed.map((value) => ({ kind: 'ignored', name: claimedName(value), reason }));
}

/**
 * A followed source takes the mirrors of a descriptor newer than any index or descriptor it has
 * seen, so fresh mirrors spread hand to hand. An older one never takes them back, and one with no
 * mirror leaves them as they are.
 */
export async function applyToSource(descriptor: SourceDescriptor): Promise<'updated' | 'current' | 'not-followed'> {
  const source = await getSource(descriptor.key);
  if (source?.kind !== 'edition') return 'not-followed';
  const known = Math.max(source.lastSequence ?? 0, source.descriptorSequence ?? 0);
  if (sequenceOf(descriptor) <= known || descriptor.mirrors.length === 0) return 'current';
  const kept = new Set(descriptor.mirrors.map((mirror) => mirror.replace(/\/?$/, '/')));
  const mirrorStatus = Object.fromEntries(Object.entries(source.mirrorStatus).filter(([mirror]) => kept.has(mirror.replace(/\/?$/, '/'))));
  const updated: EditionSource = { ...source, mirrors: [...descriptor.mirrors], descriptorSequence: sequenceOf(descriptor), mirrorStatus };
  await putSource(updated);
  return 'updated';
}

/**
 * Checks the descriptors a bundle carries, keeps the newest of each publisher, and updates the
 * sources the reader follows. Only a descriptor signed by the key it names, and by a key that
 * signed an article of this bundle, is used: anyone can put anything in a bundle. A bad one is
 * reported and changes nothing; the articles do not depend on it.
 */
export async function takePublishers(listed: readonly unknown[], signers: ReadonlySet<string>): Promise<PublisherOutcome[]> {
  const outcomes: PublisherOutcome[] = [];
  const newest = new Map<string, SourceDescriptor>();
  for (const value of listed) {
    const name = claimedName(value);
    try {
      const descriptor = await parseSourceDescriptor(value, 'publisher');
      if (!signers.has(descriptor.key)) {
        outcomes.push({ kind: 'ignored', name, reason: msg('no article in this bundle is signed by the key it names.') });
      } else if (sequenceOf(descriptor) > sequenceOf(newest.get(descriptor.key) ?? descriptor) || !newest.has(descriptor.key)) {
        newest.set(descriptor.key, descriptor);
      }
    } catch (error) {
      if (!(error instanceof EditionError)) throw error;
      outcomes.push({ kind: 'ignored', name, reason: errorText(error) });
    }
  }
  const valid = [...newest.values()];
  if (valid.length === 0) return outcomes;
  await keepPublishers(valid);
  const [sources, trusted] = await Promise.all([listSources(), trustedKeys()]);
  for (const descriptor of valid) {
    const applied = await applyToSource(descriptor);
    if (applied === 'updated') {
      outcomes.push({ kind: 'updated', name: descriptor.name, mirrors: descriptor.mirrors.length });
      continue;
    }
    if (applied === 'current') {
      outcomes.push({ kind: 'current', name: descriptor.name });
      continue;
    }
    // A publisher the reader follows or trusts under this name, or one that looks the same (UTS #39
    // skeletons), with another key: the descriptor may be an impostor's, so it is not offered.
    const namesake = [...sources.map((source) => ({ key: source.id, name: source.name })), ...trusted.values()].find(
      (known) => known.key !== descriptor.key && namesLookAlike(known.name, descriptor.name),
    );
    if (namesake) {
      const known = namesake.name;
      outcomes.push({
        kind: 'ignored',
        name: descriptor.name,
        reason: msg(str`it names another key than the ${known} you follow or trust, so it is not offered.`),
      });
      continue;
    }
    outcomes.push({ kind: 'offer', descriptor, fingerprint: await fingerprintOf(descriptor.key) });
  }
  return outcomes;
}
