import type { SourceDescriptor } from '../../shared/edition/edition-format.ts';
import { database } from './database.ts';
import { PUBLISHERS_SETTING } from './record-kinds.ts';
import { openRecord } from './sealed-records.ts';
import { putSetting } from './settings.ts';
import { recordCodec } from './vault.ts';

export { PUBLISHERS_SETTING };

/*
 * The publishers' signed descriptors the reader has seen (the newest of each key), kept so that
 * every bundle the reader passes on carries its articles' way home. One settings record, sealed
 * with the lock on (SEALED_SETTINGS), gone with the wipe like everything else.
 */

/** How many publishers are remembered; those seen longest ago make room. */
const MAX_KEPT = 200;

export interface SeenPublisher {
  descriptor: SourceDescriptor;
  seenAt: number;
}

/** A descriptor's number; one made before descriptors had numbers counts as 0. */
export function sequenceOf(descriptor: SourceDescriptor): number {
  return descriptor.sequence ?? 0;
}

/** The descriptors kept, by key. Throws LibraryLockedError while the library is locked. */
export async function seenPublishers(): Promise<Map<string, SeenPublisher>> {
  const stored = await (await database()).get('settings', PUBLISHERS_SETTING);
  if (stored === undefined) return new Map();
  const value = await openRecord(await recordCodec(), 'settings', PUBLISHERS_SETTING, stored);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return new Map();
  return new Map(Object.entries(value as Record<string, SeenPublisher>));
}

/**
 * Keeps each descriptor that is newer than the one kept for its key (they must be verified
 * already). Answers with the keys whose descriptor changed.
 */
export async function keepPublishers(descriptors: readonly SourceDescriptor[]): Promise<Set<string>> {
  const seen = await seenPublishers();
  const changed = new Set<string>();
  for (const descriptor of descriptors) {
    const kept = seen.get(descriptor.key);
    if (kept && sequenceOf(kept.descriptor) >= sequenceOf(descriptor)) continue;
    seen.set(descriptor.key, { descriptor, seenAt: Date.now() });
    changed.add(descriptor.key);
  }
  if (changed.size === 0) return changed;
  const newestFirst = [...seen].sort(([, a], [, b]) => b.seenAt - a.seenAt).slice(0, MAX_KEPT);
  await putSetting(PUBLISHERS_SETTING, Object.fromEntries(newestFirst));
  return changed;
}
