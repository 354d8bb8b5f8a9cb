import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { SettingsChangedEvent } from '../events.ts';
import { describeBytes } from '../import/import-limits.ts';
import { askToPersist, storageState, type StorageState } from '../persistence.ts';
import { notifyLibraryChanged } from '../library-events.ts';
import { fingerprintOf } from '../shared/signing.ts';
import type { TrustedKey } from '../shared/verdict.ts';
import { trustedKeys, untrustKey } from '../storage/trusted-keys.ts';
import { offlineStatus, onServiceWorker, type OfflineStatus } from '../service-worker-bridge.ts';
import {
  DEFAULT_SETTINGS,
  TEXT_SCALES,
  THEMES,
  getSettings,
  saveSetting,
  type Settings,
  type Theme,
} from '../storage/settings.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-privacy-settings.ts';

const THEME_LABELS: Record<Theme, string> = {
  system: 'Same as the device',
  light: 'Light',
  dark: 'Dark',
  sepia: 'Sepia',
};

/** Reading preferences, kept across restarts, and what this installation is. */
@customElement('pamphlet-settings')
export class PamphletSettings extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 40rem;
        margin: 0 auto;
      }
      h1 {
        font-size: 1.5rem;
        margin: 1.25rem 0 1rem;
      }
      fieldset {
        border: 1px solid var(--border);
        border-radius: 8px;
        margin: 0 0 1.25rem;
        padding: 0.75rem 1rem 1rem;
      }
      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }
      label {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: 44px;
      }
      input[type='radio'] {
        width: 1.25rem;
        height: 1.25rem;
        accent-color: var(--accent);
      }
      input[type='range'] {
        width: 100%;
        accent-color: var(--accent);
      }
      .preview {
        font-family: var(--font-reading);
        font-size: calc(1.125rem * var(--text-scale));
        line-height: 1.6;
        margin: 0.5rem 0 0;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0;
      }
      dd {
        margin: 0;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .file-button {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        padding: 0 1rem;
        border: 1px solid var(--accent);
        border-radius: 6px;
        color: var(--accent);
        cursor: pointer;
      }
      .file-button:focus-within {
        outline: 3px solid var(--focus);
        outline-offset: 2px;
      }
      .file-button input {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      .proxy {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .proxy label {
        flex: 1 1 100%;
        min-height: auto;
      }
      .proxy input {
        flex: 1 1 16rem;
      }
      .problem {
        color: var(--refused);
      }
      .trusted {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .trusted li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        padding: 0.5rem 0;
        border-block-end: 1px solid var(--border);
      }
      code {
        white-space: nowrap;
      }
    `,
  ];

  @state() private _settings: Settings = DEFAULT_SETTINGS;
  @state() private _offline: OfflineStatus = offlineStatus();
  @state() private _trusted: Array<TrustedKey & { fingerprint: string }> = [];
  @state() private _proxyProblem = '';
  @state() private _storage?: StorageState;
  @state() private _backupStatus = '';
  @state() private _backupProblem = '';
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Settings · Pamphlet';
    this._unsubscribe = onServiceWorker({ onStatus: (status) => (this._offline = status) });
    void getSettings().then((settings) => (this._settings = settings));
    void this._loadTrusted();
    void storageState().then((state) => (this._storage = state));
  }

  private async _loadTrusted(): Promise<void> {
    const keys = [...(await trustedKeys()).values()];
    this._trusted = await Promise.all(keys.map(async (key) => ({ ...key, fingerprint: await fingerprintOf(key.key) })));
  }

  private async _onUntrust(key: string): Promise<void> {
    await untrustKey(key);
    await this._loadTrusted();
    notifyLibraryChanged();
  }

  private _trustedList() {
    if (this._trusted.length === 0) return html`<p>You trust no publisher yet. Importing a signed article offers to trust its publisher.</p>`;
    return html`<ul class="trusted">
      ${this._trusted.map(
        (entry) => html`<li>
          <span><bdi>${entry.name}</bdi> <code>${entry.fingerprint}</code></span>
          ${entry.origin === 'built-in'
            ? html`<span class="muted">built into this app</span>`
            : html`<button class="secondary" @click=${() => this._onUntrust(entry.key)}>Stop trusting ${entry.name}</button>`}
        </li>`,
      )}
    </ul>`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  private async _change<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    this._settings = { ...this._settings, [key]: value };
    this.dispatchEvent(new SettingsChangedEvent(this._settings));
    await saveSetting(key, value);
  }

  private _onTheme(event: Event): void {
    void this._change('theme', (event.target as HTMLInputElement).value as Theme);
  }

  private _onFeedProxy(event: SubmitEvent): void {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('proxy') ?? '').trim();
    if (value !== '' && !/^https?:\/\/[^\s]*\{url\}/.test(value)) {
      this._proxyProblem = 'A feed proxy is a web address with {url} where the feed’s address goes, such as https://proxy.example/?url={url}.';
      return;
    }
    this._proxyProblem = '';
    void this._change('feedProxy', value);
  }

  private _onTextScale(event: Event): void {
    const scale = TEXT_SCALES[Number((event.target as HTMLInputElement).value)];
    if (scale !== undefined) void this._change('textScale', scale);
  }

  private async _onBackUp(): Promise<void> {
    this._backupProblem = '';
    try {
      const { backUpLibrary } = await import('../backup/library-backup.ts');
      const { saveFile } = await import('../export/export-articles.ts');
      const file = await backUpLibrary();
      saveFile(file);
      this._settings = await getSettings();
      this._backupStatus = `Backed up ${file.count === 1 ? '1 article' : `${file.count} articles`} to ${file.name}. Keep it somewhere safe.`;
    } catch (error) {
      this._backupProblem = `The backup failed: ${(error as Error).message}`;
    }
  }

  private async _onRestore(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this._backupProblem = '';
    this._backupStatus = `Restoring ${file.name}…`;
    try {
      const { restoreLibrary } = await import('../backup/library-backup.ts');
      const restored = await restoreLibrary(file);
      this._settings = await getSettings();
      this.dispatchEvent(new SettingsChangedEvent(this._settings));
      await this._loadTrusted();
      this._backupStatus =
        `Restored ${restored.articles} articles, ${restored.sources} sources, ${restored.keys} trusted publishers and your settings` +
        (restored.refused > 0 ? `; ${restored.refused} articles were refused (their signatures do not check out).` : '.');
    } catch (error) {
      this._backupStatus = '';
      this._backupProblem = `Nothing was restored: ${(error as Error).message}`;
    }
  }

  private async _onKeep(): Promise<void> {
    await askToPersist();
    await saveSetting('persistenceAsked', true);
    this._storage = await storageState();
  }

  private _storageText(): string {
    const storage = this._storage;
    if (!storage) return 'Checking…';
    const used = storage.usage !== undefined ? `${describeBytes(storage.usage)} used` : 'Space used unknown';
    const room = storage.quota !== undefined ? ` of ${describeBytes(storage.quota)} the browser allows` : '';
    return `${used}${room}. ${storage.persisted ? 'The browser keeps the library even when space runs low.' : 'The browser may clear the library if the device runs low on space.'}`;
  }

  private _backup() {
    const last = this._settings.lastBackupAt;
    return html`<fieldset>
      <legend>Backup and moving</legend>
      <p>
        Your library lives only in this browser, at this address. A backup is one file with your articles, images, sources, trusted
        publishers, what you have read and your settings. If the mirror you installed Pamphlet from is blocked, install Pamphlet from
        another mirror and restore the backup there: your library moves with it.
      </p>
      <p class="muted">${last ? `Last backup: ${new Date(last).toLocaleString()} (${this._settings.lastBackupArticles} articles).` : 'No backup yet.'}</p>
      <div class="row">
        <button @click=${this._onBackUp}>Back up library</button>
        <label class="file-button secondary">Restore<input type="file" accept=".html,.htm,text/html" @change=${this._onRestore} /></label>
      </div>
      <p role="status">${this._backupStatus}</p>
      ${this._backupProblem ? html`<p role="alert" class="problem">${this._backupProblem}</p>` : nothing}
      <p class="muted">${this._storageText()}</p>
      ${this._storage && !this._storage.persisted ? html`<button class="secondary" @click=${this._onKeep}>Keep my library</button>` : nothing}
    </fieldset>`;
  }

  private _offlineText(): string {
    const status = this._offline;
    if (status.state === 'ready') return 'Ready: the app and your library open without a network.';
    if (status.state === 'starting') return 'Setting up…';
    return `Not available: ${status.reason}`;
  }

  override render() {
    const scaleIndex = TEXT_SCALES.indexOf(this._settings.textScale);
    const percent = `${Math.round(this._settings.textScale * 100)}%`;
    return html`
      <h1>Settings</h1>
      <fieldset>
        <legend>Theme</legend>
        ${THEMES.map(
          (theme) => html`<label>
            <input type="radio" name="theme" .value=${theme} .checked=${this._settings.theme === theme} @change=${this._onTheme} />
            ${THEME_LABELS[theme]}
          </label>`,
        )}
      </fieldset>
      <fieldset>
        <legend>Reading</legend>
        <label for="text-size">Text size <output for="text-size">${percent}</output></label>
        <input
          id="text-size"
          type="range"
          min="0"
          max=${TEXT_SCALES.length - 1}
          step="1"
          .value=${String(scaleIndex)}
          aria-valuetext=${percent}
          @input=${this._onTextScale}
        />
        <p class="preview">The quick brown fox reads the news offline.</p>
      </fieldset>
      <fieldset>
        <legend>Trusted publishers</legend>
        <p class="muted">Articles signed with these keys show as Verified. Compare a fingerprint with the one the publisher gives before you trust it.</p>
        ${this._trustedList()}
      </fieldset>
      ${this._backup()}
      <pamphlet-privacy-settings></pamphlet-privacy-settings>
      <fieldset>
        <legend>Feeds</legend>
        <form class="proxy" @submit=${this._onFeedProxy}>
          <label for="proxy">Feed proxy, for feeds that do not let other sites read them</label>
          <input id="proxy" name="proxy" type="text" inputmode="url" autocomplete="off" placeholder="https://proxy.example/?url={url}" .value=${this._settings.feedProxy} />
          <button class="secondary" type="submit">Save proxy</button>
        </form>
        ${this._proxyProblem ? html`<p role="alert" class="problem">${this._proxyProblem}</p>` : nothing}
      </fieldset>
      <fieldset>
        <legend>About</legend>
        <dl>
          <dt>Version</dt>
          <dd>${__APP_VERSION__} (build <span data-build-id>${__BUILD_ID__}</span>)</dd>
          <dt>Offline reading</dt>
          <dd>${this._offlineText()}</dd>
        </dl>
      </fieldset>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-settings': PamphletSettings;
  }
}
