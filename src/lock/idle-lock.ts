/**
 * Locks after a stretch without input. Activity is input: keys, pointers, touches, the wheel
 * (scrolling by any of them). Timers are throttled in a hidden tab, so the time is checked again
 * when the tab comes back into view, and the library locks at once if the stretch has passed.
 */
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'touchstart', 'wheel'] as const;

export function watchIdle(minutes: number, onIdle: () => void): () => void {
  const span = minutes * 60_000;
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const left = last + span - Date.now();
    if (left <= 0) {
      stop();
      onIdle();
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(check, left);
  };
  const onActivity = () => {
    last = Date.now();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'visible') check();
  };
  const stop = () => {
    clearTimeout(timer);
    for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
    document.removeEventListener('visibilitychange', onVisibility);
  };
  for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true, passive: true });
  document.addEventListener('visibilitychange', onVisibility);
  timer = setTimeout(check, span);
  return stop;
}
