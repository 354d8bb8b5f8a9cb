/**
 * The wipe is asked for from Settings, from the lock screen, and from the launcher's shortcut,
 * which opens `./?screen=settings#wipe` (or, with the app already open, hands that address to it through
 * the launch queue). Each way opens the same confirmation, over whatever screen is showing, the
 * lock screen included.
 */
const WIPE_FRAGMENT = '#wipe';

export async function openWipeDialog(): Promise<void> {
  await import('../ui/pamphlet-wipe-dialog.ts');
  let dialog = document.querySelector('pamphlet-wipe-dialog');
  if (!dialog) {
    dialog = document.createElement('pamphlet-wipe-dialog');
    document.body.append(dialog);
  }
  await dialog.open();
}

function openIfAsked(): void {
  if (location.hash !== WIPE_FRAGMENT) return;
  // Taken out of the address, so that a reload or Back does not ask again.
  history.replaceState(history.state, '', location.pathname + location.search);
  void openWipeDialog();
}

/** Opens the wipe's confirmation whenever the address asks for it; call once at start. */
export function listenForWipeRequests(): void {
  window.addEventListener('hashchange', openIfAsked);
  openIfAsked();
}

/** The launcher's shortcut, with the app already open (`launch_handler: focus-existing`). */
export function followLaunchTarget(targetURL: string): void {
  if (new URL(targetURL).hash === WIPE_FRAGMENT) location.hash = WIPE_FRAGMENT;
}
