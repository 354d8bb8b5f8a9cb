import { msg } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onDatabaseTrouble, type DatabaseTrouble } from '../browser/storage/database.ts';
import { ownAddress, sharedOriginWarning } from './shared-origin.ts';

/** Its words are made at each render, so that a notice follows a change of language. */
export interface Notice {
  message: () => string;
  action: () => string;
  urgent: boolean;
  onAction: () => void;
}

function databaseTrouble(trouble: DatabaseTrouble): string {
  switch (trouble) {
    case 'blocked':
      return msg(
        'Pamphlet is updating its storage, but another Pamphlet tab still has the old version open. Close or reload the other tabs to finish.',
      );
    case 'superseded':
      return msg('A newer version of Pamphlet was opened in another tab. Reload this tab to keep reading.');
    case 'terminated':
      return msg('The browser closed Pamphlet’s storage unexpectedly. Reload to open it again.');
  }
}

const chunkFailed = () =>
  msg('This part of Pamphlet could not be loaded, probably because a newer version was published since this tab opened. Reload to get it.');

/**
 * The one notice the app shell shows above every screen: storage in trouble, a part of the app
 * that could not be loaded, or a new version ready. The newest wins.
 */
export class AppNotices implements ReactiveController {
  current?: Notice;
  /** The notice asking to close other tabs, while a storage upgrade waits on them. */
  private _blocked?: Notice;
  private _unsubscribe: Array<() => void> = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const unsubscribe of this._unsubscribe) unsubscribe();
    this._unsubscribe = [];
  }

  /** Storage trouble, told as it comes (not on the wiped screen, which opens no storage). */
  watchStorage(): void {
    this._unsubscribe.push(
      onDatabaseTrouble((trouble) => {
        if (trouble) {
          this._showReload(() => databaseTrouble(trouble));
          this._blocked = trouble === 'blocked' ? this.current : undefined;
        } else if (this.current && this.current === this._blocked) {
          // The blocked upgrade went through: take back only that notice, not one that followed it.
          this._show(undefined);
        }
      }),
    );
  }

  /** An app under a path of an IPFS gateway shares its origin with every site there: said at each start. */
  warnOfSharedOrigin(): void {
    const warning = sharedOriginWarning();
    if (!warning) return;
    const own = ownAddress();
    this._show({
      message: () => sharedOriginWarning() ?? warning,
      action: () => (own ? msg('Open its own address') : msg('Understood')),
      urgent: true,
      onAction: () => (own ? window.location.assign(own) : this._show(undefined)),
    });
  }

  /** The service worker: offline support, and the prompt when a new version is ready. */
  async startOffline(): Promise<void> {
    const { onServiceWorker, startServiceWorker } = await import('../app/service-worker-bridge.ts');
    if (!this.host.isConnected) return;
    this._unsubscribe.push(
      onServiceWorker({
        onUpdateReady: (apply) => {
          this._show({
            message: () => msg('A new version of Pamphlet is ready.'),
            action: () => msg('Reload to update'),
            urgent: false,
            onAction: () => void apply(),
          });
        },
      }),
    );
    await startServiceWorker();
  }

  /** A lazily loaded part of the app failed to load: most likely a newer version replaced it. */
  chunkFailed = (): void => {
    this._showReload(chunkFailed);
  };

  private _showReload(message: () => string): void {
    this._show({ message, action: () => msg('Reload'), urgent: true, onAction: () => window.location.reload() });
  }

  private _show(notice: Notice | undefined): void {
    this.current = notice;
    this.host.requestUpdate();
  }
}
