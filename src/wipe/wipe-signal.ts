import { inApp } from '../browser/app-folder.ts';
import { discreetOn, withDiscreet } from '../discreet/discreet-mode.ts';
import { refuseDatabase } from '../browser/storage/database.ts';
import { ListenerSet } from '../shared/listener-set.ts';
import type { WipeReport } from './wipe-report.ts';

/**
 * Tells every open screen of the app that everything was wiped: this tab when its wipe finishes,
 * the app's other tabs as soon as one starts (so that they close the database and stop showing the
 * library). The address becomes `/?wiped`, so that reloading shows the wiped screen again rather
 * than a first start that would add the built-in sample back.
 */
// The whole origin's: a wipe deletes every folder's library (wipe-everything.ts).
const CHANNEL = 'pamphlet-wipe';
const WIPED_QUERY = 'wiped';

const listeners = new ListenerSet<WipeReport | undefined>();
let channel: BroadcastChannel | undefined;
/** Known before the wipe clears localStorage: the wiped screen keeps the neutral name. */
let wasDiscreet = false;

function ensureChannel(): BroadcastChannel | undefined {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => void wipedElsewhere();
  return channel;
}

async function wipedElsewhere(): Promise<void> {
  wasDiscreet = discreetOn();
  const { stopSearch } = await import('../search/search-client.ts');
  stopSearch();
  await refuseDatabase();
  finish(undefined);
}

function finish(report: WipeReport | undefined): void {
  history.replaceState({ wipeReport: report }, '', withDiscreet(inApp(`./?${WIPED_QUERY}`), wasDiscreet));
  listeners.notify(report);
}

/** Calls `listener` once everything was wiped, here (with what was removed) or in another tab. */
export function onWiped(listener: (report: WipeReport | undefined) => void): () => void {
  ensureChannel();
  return listeners.add(listener);
}

/** Before anything is removed: the other tabs let go of the database. */
export function announceWipe(): void {
  wasDiscreet = discreetOn();
  ensureChannel()?.postMessage('wipe');
}

export function wipeFinished(report: WipeReport): void {
  finish(report);
}

/**
 * On the wiped screen's address: what was removed, as far as this tab knows it (`{}` after a reload
 * or when another tab wiped). Undefined anywhere else.
 */
export function wipedLanding(): Partial<WipeReport> | undefined {
  if (!new URLSearchParams(location.search).has(WIPED_QUERY)) return undefined;
  return (history.state as { wipeReport?: WipeReport } | null)?.wipeReport ?? {};
}
