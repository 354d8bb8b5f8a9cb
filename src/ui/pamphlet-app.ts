import { localized, msg } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
// Decorators from their own modules, here and in the library's first screen: lit/decorators.js
// would bring every decorator into the first visit.
import { customElement } from 'lit/decorators/custom-element.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { state } from 'lit/decorators/state.js';
import { afterFirstPaint, firstScreenPainted } from '../app/after-first-paint.ts';
import { applyAppearance } from '../app/appearance.ts';
import { SettingsChangedEvent } from './element-events.ts';
import { onImportState } from '../import/import-queue.ts';
import { listenForImports } from '../import/ways-in.ts';
import { startLocalization, useLanguage } from '../l10n/localization.ts';
import { ROUTE_CHANGED, routeOf, screenAddress, type Route } from '../app/router.ts';
import { getSettings, type Settings } from '../browser/storage/settings.ts';
import { countSources } from '../browser/storage/sources.ts';
import { AppNotices } from './app-notices.ts';
import { appStyles } from './app-styles.ts';
import { followInAppLink } from './in-app-links.ts';
import { PrivacyController, lockNow } from './privacy-controller.ts';
import { onLockStatus } from '../lock/lock-status.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-library.ts';
import './pamphlet-notice.ts';

/** Screens other than the library load on first use, to keep the first visit small. */
const SCREEN_LOADERS: Partial<Record<Route['screen'], () => Promise<unknown>>> = {
  reader: () => import('./pamphlet-reader.ts'),
  settings: () => import('./pamphlet-settings.ts'),
  sources: () => import('./pamphlet-sources.ts'),
  scan: () => import('./pamphlet-scan.ts'),
  nearby: () => import('./pamphlet-nearby.ts'),
  deleted: () => import('./pamphlet-deleted.ts'),
  highlights: () => import('./pamphlet-highlights-view.ts'),
  receive: () => import('./pamphlet-receive.ts'),
};

/** The app shell: navigation, the current screen, and notices about updates and storage. */
@customElement('pamphlet-app')
@localized()
export class PamphletApp extends LitElement {
  static override styles = [sharedStyles, appStyles];

  @state() private _route: Route = routeOf(location.href);
  private _notices = new AppNotices(this);
  /** The lock screen, the wiped screen; imports and the sync on start once the library opens. */
  private _privacy = new PrivacyController(this, () => {
    listenForImports();
    afterFirstPaint(() => void syncOnStart());
    afterFirstPaint(this._loadImportPanel);
  });
  private _navigated = false;
  private _unsubscribe: Array<() => void> = [];
  /** The language the reader chose ('' for the browser's), as last applied. */
  private _language?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._privacy.wiped) return;
    history.scrollRestoration = 'manual';
    window.addEventListener('popstate', this._onLocationChange);
    window.addEventListener(ROUTE_CHANGED, this._onLocationChange);
    this.addEventListener('click', followInAppLink);
    this.addEventListener(SettingsChangedEvent.eventName, this._onSettingsChanged);
    const stopWaitingForImports = onImportState(() => {
      stopWaitingForImports();
      this._loadImportPanel();
    });
    this._notices.watchStorage();
    this._notices.warnOfSharedOrigin();
    this._unsubscribe.push(stopWaitingForImports);
    void startLocalization();
    this._readSettings();
    // The reading look is sealed: it reads as the defaults while locked, the reader's once opened.
    this._unsubscribe.push(onLockStatus(this._readSettings));
    this._loadScreen(this._route);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onLocationChange);
    window.removeEventListener(ROUTE_CHANGED, this._onLocationChange);
    for (const unsubscribe of this._unsubscribe) unsubscribe();
  }

  /** The first render waits for the UI's language, so that no reader sees English flash by first. */
  protected override async scheduleUpdate(): Promise<void> {
    await startLocalization();
    void super.scheduleUpdate();
  }

  protected override firstUpdated(): void {
    // Offline support, and the sync on start, begin once the first screen is up, so that they
    // never delay the first paint. The library says when its list is up; other screens are up now.
    if (this._route.screen !== 'library') firstScreenPainted();
    if (!this._privacy.wiped) afterFirstPaint(() => void this._notices.startOffline().catch(this._notices.chunkFailed));
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_route') && this._navigated) {
      const scrollY = (history.state as { scrollY?: number } | null)?.scrollY ?? 0;
      window.scrollTo(0, scrollY);
      this.renderRoot.querySelector('main')?.focus({ preventScroll: true });
    }
  }

  private _onLocationChange = (): void => {
    this._navigated = true;
    // Left the library before it painted: the screen now shown is the first screen.
    firstScreenPainted();
    this._route = routeOf(location.href);
    this._loadScreen(this._route);
  };

  /**
   * The import panel (its reports and their choices) is not part of the first screen: it loads once
   * the browser has a moment, or as soon as an import has something to show.
   */
  private _loadImportPanel = (): void => {
    import('./pamphlet-import-panel.ts').catch(this._notices.chunkFailed);
  };

  private _loadScreen(route: Route): void {
    SCREEN_LOADERS[route.screen]?.().catch(this._notices.chunkFailed);
  }

  private _readSettings = (): void => {
    void getSettings().then(
      (settings) => this._applySettings(settings),
      () => undefined,
    );
  };

  private _onSettingsChanged = (event: SettingsChangedEvent): void => {
    this._applySettings(event.settings);
  };

  private _applySettings(settings: Settings): void {
    applyAppearance(settings);
    // The stored choice wins over the start's guess (localStorage cleared, a backup restored).
    if (settings.language !== this._language) {
      this._language = settings.language;
      void useLanguage(settings.language);
    }
  }

  private _navLink(path: string, label: string, current: boolean) {
    return html`<li><a href=${path} aria-current=${ifDefined(current ? 'page' : undefined)}>${label}</a></li>`;
  }

  private _screen() {
    const route = this._route;
    switch (route.screen) {
      case 'library':
        return html`<pamphlet-library></pamphlet-library>`;
      case 'reader':
        return html`<pamphlet-reader .reference=${route.reference}></pamphlet-reader>`;
      case 'settings':
        return html`<pamphlet-settings></pamphlet-settings>`;
      case 'sources':
        return html`<pamphlet-sources></pamphlet-sources>`;
      case 'scan':
        return html`<pamphlet-scan></pamphlet-scan>`;
      case 'nearby':
        return html`<pamphlet-nearby></pamphlet-nearby>`;
      case 'deleted':
        return html`<pamphlet-deleted></pamphlet-deleted>`;
      case 'highlights':
        return html`<pamphlet-highlights-view></pamphlet-highlights-view>`;
      case 'receive':
        return html`<pamphlet-receive></pamphlet-receive>`;
      case 'not-found':
        return html`<section class="not-found">
          <h1>${msg('Page not found')}</h1>
          <p>${msg(html`Pamphlet has no page at this address. <a href="./">Go to the library</a>.`)}</p>
        </section>`;
    }
  }

  override render() {
    if (this._privacy.wiped)
      return html`<main id="content" tabindex="-1"><pamphlet-wiped .report=${this._privacy.wiped}></pamphlet-wiped></main>`;
    if (this._privacy.lock === 'locked') return html`<main id="content" tabindex="-1"><pamphlet-lock-screen></pamphlet-lock-screen></main>`;
    const screen = this._route.screen;
    const notice = this._notices.current;
    return html`
      <header>
        <button class="skip-link secondary" @click=${this._onSkip}>${msg('Skip to content')}</button>
        <span class="brand">Pamphlet</span>
        <nav aria-label=${msg('Main')}>
          <ul>
            ${this._navLink(screenAddress('library'), msg('Library'), screen === 'library')}
            ${this._navLink(screenAddress('sources'), msg('Sources'), screen === 'sources')}
            ${this._navLink(screenAddress('nearby'), msg('Nearby', { id: 'nearby-nav', desc: 'Navigation link to the screen that moves articles between two phones on the same Wi-Fi' }), screen === 'nearby')}
            ${this._navLink(screenAddress('settings'), msg('Settings'), screen === 'settings')}
          </ul>
        </nav>
        ${this._privacy.lock === 'unlocked' ? html`<button class="secondary" @click=${lockNow}>${msg('Lock', { id: 'lock-now', desc: 'Button: lock the library now (a verb)' })}</button>` : nothing}
      </header>
      ${
        notice
          ? html`<pamphlet-notice
            .message=${notice.message()}
            .action=${notice.action()}
            .urgent=${notice.urgent}
            @pamphlet-notice-action=${notice.onAction}
          ></pamphlet-notice>`
          : nothing
      }
      <pamphlet-import-panel></pamphlet-import-panel>
      <main id="content" tabindex="-1">${this._screen()}</main>
    `;
  }

  /** A button rather than a `#content` link: the target lives in a shadow root, out of a fragment's reach. */
  private _onSkip(): void {
    this.renderRoot.querySelector('main')?.focus();
  }
}

/** The sync on start: its code loads only for readers who follow something, and only when online. */
async function syncOnStart(): Promise<void> {
  try {
    if (navigator.onLine && (await countSources()) > 0) await (await import('../sync/sync-queue.ts')).syncOnStart();
  } catch {
    // The Sources screen shows what went wrong when the reader looks; starting up must not fail.
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-app': PamphletApp;
  }
}
