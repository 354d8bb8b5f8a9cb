/**
 * Work that is no part of the first screen (offline support, the sync on start, the import panel)
 * waits for it, then for an idle moment. On a first visit the library waits for the built-in
 * sample, and the idle moments of that wait would otherwise fill with code nobody is looking at.
 */
const waiting: Array<() => void> = [];
let painted = false;
/** A first screen that never comes (a library that cannot open, a lock screen) holds nothing up for long. */
const LONGEST_WAIT_MS = 4000;

/** The first screen is up: the library's list, or another screen at start. */
export function firstScreenPainted(): void {
  if (painted) return;
  painted = true;
  for (const work of waiting.splice(0)) idle(work);
}

export function afterFirstPaint(work: () => void): void {
  if (painted) idle(work);
  else waiting.push(work);
}

setTimeout(firstScreenPainted, LONGEST_WAIT_MS);

/** Once the browser has a moment. */
function idle(work: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 0);
}
