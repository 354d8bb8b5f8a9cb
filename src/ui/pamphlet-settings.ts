import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { SettingsChangedEvent } from './element-events.ts';
import { formatPercent } from '../l10n/format.ts';
import { LANGUAGE_NAMES, isLocale, type Locale } from '../browser/l10n/locales.ts';
import { localeFor } from '../l10n/localization.ts';
import { notifyLibraryChanged } from '../browser/library-changes.ts';
import { fingerprintOf } from '../shared/signing.ts';
import type { TrustedKey } from '../shared/verdict.ts';
import { trustedKeys, untrustKey } from '../browser/storage/trusted-keys.ts';
import { offlineStatus, onServiceWorker, type OfflineStatus } from '../app/service-worker-bridge.ts';
import { DEFAULT_SETTINGS, TEXT_SCALES, THEMES, getSettings, saveSetting, type Settings, type Theme } from '../browser/storage/settings.ts';
import { assertNever } from '../shared/assert-never.ts';
import { settingsScreenStyles, settingsSectionStyles } from './settings-styles.ts';
import { columnScreenStyles, sharedStyles } from './shared-styles.ts';
import { themeLabel } from '../l10n/setting-words.ts';
import './pamphlet-backup-settings.ts';
import './pamphlet-privacy-settings.ts';
import './pamphlet-move-settings.ts';
import './pamphlet-ipfs-settings.ts';
import './pamphlet-reading-look.ts';
import { formText } from './form-text.ts';
import { sharedOriginSection } from './shared-origin.ts';

/** Reading preferences, kept across restarts, and what this installation is. */
@customElement('pamphlet-settings')
@localized()
export class PamphletSettings extends LitElement {
  static override styles = [sharedStyles, settingsSectionStyles, columnScreenStyles, settingsScreenStyles];

  @state() private _settings: Settings = DEFAULT_SETTINGS;
  @state() private _offline: OfflineStatus = offlineStatus();
  @state() private _trusted: Array<TrustedKey & { fingerprint: string }> = [];
  @state() private _proxyProblem = '';
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this._unsubscribe = onServiceWorker({ onStatus: (status) => (this._offline = status) });
    void getSettings().then((settings) => (this._settings = settings));
    void this._loadTrusted();
  }

  /** Here rather than on connecting: the title follows a change of language made on this screen. */
  protected override willUpdate(_changed: PropertyValues): void {
    document.title = msg('Settings · Pamphlet');
  }

  private async _loadTrusted(): Promise<void> {
    const keys = [...(await trustedKeys()).values()];
    this._trusted = await Promise.all(keys.map(async (key) => ({ ...key, fingerprint: await fingerprintOf(key.key) })));
  }

  /** The reading look changed below: kept here too, so that a later change here does not undo it. */
  private _onLookChanged(event: SettingsChangedEvent): void {
    this._settings = {
      ...this._settings,
      readingFont: event.settings.readingFont,
      lineWidth: event.settings.lineWidth,
      lineSpacing: event.settings.lineSpacing,
    };
  }

  /** A restore brought the backup's settings and trusted keys. */
  private _onRestored(event: SettingsChangedEvent): void {
    this._settings = event.settings;
    void this._loadTrusted();
  }

  private async _onUntrust(key: string): Promise<void> {
    await untrustKey(key);
    await this._loadTrusted();
    notifyLibraryChanged();
  }

  private _trustedList() {
    if (this._trusted.length === 0)
      return html`<p>${msg('You trust no publisher yet. Importing a signed article offers to trust its publisher.')}</p>`;
    return html`<ul class="trusted">
      ${this._trusted.map(
        (entry) => html`<li>
          <span><bdi>${entry.name}</bdi> <code>${entry.fingerprint}</code></span>
          ${
            entry.origin === 'built-in'
              ? html`<span class="muted">${msg('built into this app')}</span>`
              : html`<button class="secondary" @click=${() => this._onUntrust(entry.key)}>${msg(str`Stop trusting ${entry.name}`)}</button>`
          }
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

  private _onLanguage(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isLocale(value)) void this._change('language', value);
  }

  private _onTheme(event: Event): void {
    void this._change('theme', (event.target as HTMLInputElement).value as Theme);
  }

  private _onFeedProxy(event: SubmitEvent): void {
    event.preventDefault();
    const value = formText(event.target as HTMLFormElement, 'proxy').trim();
    if (value !== '' && !/^https?:\/\/[^\s]*\{url\}/.test(value)) {
      this._proxyProblem = msg(
        'A feed proxy is a web address with {url} where the feed’s address goes, such as https://proxy.example/?url={url}.',
      );
      return;
    }
    this._proxyProblem = '';
    void this._change('feedProxy', value);
  }

  private _onTextScale(event: Event): void {
    const scale = TEXT_SCALES[Number((event.target as HTMLInputElement).value)];
    if (scale !== undefined) void this._change('textScale', scale);
  }

  private _offlineText(): string {
    const status = this._offline;
    switch (status.state) {
      case 'ready':
        return msg('Ready: the app and your library open without a network.');
      case 'starting':
        return msg('Setting up…');
      case 'unavailable': {
        const reason = status.reason();
        return msg(str`Not available: ${reason}`);
      }
      default:
        return assertNever(status);
    }
  }

  /** Each language in its own name, the current one chosen: a reader lost in another can find theirs. */
  private _languagePicker() {
    const current: Locale = localeFor(this._settings.language);
    return html`<fieldset>
      <legend>${msg('Language')}</legend>
      <label for="language">${msg('Language of Pamphlet')}</label>
      <select id="language" @change=${this._onLanguage}>
        ${(Object.keys(LANGUAGE_NAMES) as Locale[]).map(
          (locale) => html`<option value=${locale} lang=${locale} ?selected=${locale === current}>${LANGUAGE_NAMES[locale]}</option>`,
        )}
      </select>
      <p class="muted">${msg('Articles keep their own language.')}</p>
    </fieldset>`;
  }

  override render() {
    const scaleIndex = TEXT_SCALES.indexOf(this._settings.textScale);
    const percent = formatPercent(this._settings.textScale);
    return html`
      <h1>${msg('Settings')}</h1>
      ${sharedOriginSection()}
      ${this._languagePicker()}
      <fieldset>
        <legend>${msg('Theme')}</legend>
        ${THEMES.map(
          (theme) => html`<label>
            <input type="radio" name="theme" .value=${theme} .checked=${this._settings.theme === theme} @change=${this._onTheme} />
            ${themeLabel(theme)}
          </label>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${msg('Reading')}</legend>
        <label for="text-size">${msg('Text size')} <output for="text-size">${percent}</output></label>
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
        <p class="preview">${msg('The quick brown fox reads the news offline.')}</p>
        <pamphlet-reading-look @pamphlet-settings-changed=${this._onLookChanged}></pamphlet-reading-look>
      </fieldset>
      <fieldset>
        <legend>${msg('Trusted publishers')}</legend>
        <p class="muted">${msg('Articles signed with these keys show as Verified. Compare a fingerprint with the one the publisher gives before you trust it.')}</p>
        ${this._trustedList()}
      </fieldset>
      <pamphlet-backup-settings @pamphlet-settings-changed=${this._onRestored}></pamphlet-backup-settings>
      <pamphlet-privacy-settings></pamphlet-privacy-settings>
      <pamphlet-move-settings></pamphlet-move-settings>
      <fieldset>
        <legend>${msg('Feeds')}</legend>
        <form class="proxy" @submit=${this._onFeedProxy}>
          <label for="proxy">${msg('Feed proxy, for feeds that do not let other sites read them')}</label>
          <input id="proxy" name="proxy" type="text" inputmode="url" dir="ltr" autocomplete="off" placeholder="https://proxy.example/?url={url}" .value=${this._settings.feedProxy} />
          <button class="secondary" type="submit">${msg('Save proxy')}</button>
        </form>
        ${this._proxyProblem ? html`<p role="alert" class="problem">${this._proxyProblem}</p>` : nothing}
      </fieldset>
      <pamphlet-ipfs-settings></pamphlet-ipfs-settings>
      <fieldset>
        <legend>${msg('About')}</legend>
        <dl>
          <dt>${msg('Version')}</dt>
          <dd>${msg(html`${__APP_VERSION__} (build <span data-build-id>${__BUILD_ID__}</span>)`)}</dd>
          <dt>${msg('Offline reading')}</dt>
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
