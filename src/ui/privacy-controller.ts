import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { lockHinted } from '../lock/lock-hint.ts';
import { idleMinutes, listenForLockChanges, lockNow, lockStatus, onLockStatus, type LockStatus } from '../lock/lock-status.ts';
import type { WipeReport } from '../wipe/wipe-report.ts';
import { listenForWipeRequests } from '../wipe/wipe-request.ts';
import { onWiped, wipedLanding } from '../wipe/wipe-signal.ts';

/**
 * What the app shell shows for the lock and the wipe, kept out of the shell itself: after a wipe
 * (or on its address) only the wiped screen, and no storage opened again; with the library locked,
 * only the lock screen. `onLibraryOpen` runs once the library can be read and written (at once
 * without the lock, after the unlock with it): imports and the sync on start wait for it, so a
 * link that opened a locked app is imported after the unlock, not lost.
 */
export class PrivacyController implements ReactiveController {
  wiped: Partial<WipeReport> | undefined = wipedLanding();
  /** Known from localStorage at once, confirmed from the database a moment later. */
  lock: LockStatus = lockHinted() ? 'locked' : 'off';
  private _opened = false;
  private _stopIdle?: () => void;
  private _unsubscribe: Array<() => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onLibraryOpen: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.wiped) {
      void import('./pamphlet-wiped.ts');
      return;
    }
    this._unsubscribe.push(
      onWiped((report) => {
        this.wiped = report ?? {};
        this._stopIdle?.();
        void import('./pamphlet-wiped.ts');
        this.host.requestUpdate();
      }),
      onLockStatus((status) => void this._onStatus(status)),
    );
    listenForWipeRequests();
    listenForLockChanges();
    void lockStatus().then(
      (status) => this._onStatus(status),
      () => this._onStatus('off'),
    );
  }

  hostDisconnected(): void {
    for (const unsubscribe of this._unsubscribe) unsubscribe();
    this._unsubscribe = [];
    this._stopIdle?.();
  }

  /** With the lock on, the library locks again after the reader's idle time. */
  private async _onStatus(status: LockStatus): Promise<void> {
    this.lock = status;
    this.host.requestUpdate();
    if (status === 'locked') void import('./pamphlet-lock-screen.ts');
    if (status !== 'locked' && !this._opened) {
      this._opened = true;
      this.onLibraryOpen();
    }
    this._stopIdle?.();
    this._stopIdle = undefined;
    if (status === 'unlocked') {
      const [{ watchIdle }, minutes] = await Promise.all([import('../lock/idle-lock.ts'), idleMinutes()]);
      if (minutes !== undefined && this.lock === 'unlocked') this._stopIdle = watchIdle(minutes, lockNow);
    }
  }
}

export { lockNow };
