import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { SettingsChangedEvent } from './element-events.ts';
import { DEFAULT_SETTINGS, getSettings, saveSetting, type Settings } from '../browser/storage/settings.ts';
import { LINE_SPACINGS, LINE_WIDTHS, READING_FONTS } from '../shared/reading-look.ts';
import { lineSpacingLabel, lineWidthLabel, readingFontLabel } from '../l10n/setting-words.ts';
import { settingsSectionStyles } from './settings-styles.ts';

type LookKey = 'readingFont' | 'lineWidth' | 'lineSpacing';

/**
 * The reading look's choices (font, line width, line spacing) as three groups of radio buttons,
 * in Settings and in the reader's "Reading look" panel. Each choice applies at once (pamphlet-app
 * applies the event's settings) and is stored.
 */
@customElement('pamphlet-reading-look')
@localized()
export class PamphletReadingLook extends LitElement {
  static override styles = [
    settingsSectionStyles,
    css`
      :host {
        display: block;
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
      .sample {
        font-family: var(--font-reading);
      }
    `,
  ];

  @state() private _settings: Settings = DEFAULT_SETTINGS;

  override connectedCallback(): void {
    super.connectedCallback();
    void getSettings().then((settings) => (this._settings = settings));
    window.addEventListener(SettingsChangedEvent.eventName, this._onSettingsChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(SettingsChangedEvent.eventName, this._onSettingsChanged);
  }

  /** Settings changed elsewhere (a restored backup): the choices show them. */
  private _onSettingsChanged = (event: Event): void => {
    if (event instanceof SettingsChangedEvent) this._settings = event.settings;
  };

  private async _change<K extends LookKey>(key: K, value: Settings[K]): Promise<void> {
    // Read again first: another screen may have changed a setting since this one was drawn.
    this._settings = { ...(await getSettings()), [key]: value };
    this.dispatchEvent(new SettingsChangedEvent(this._settings));
    await saveSetting(key, value);
  }

  private _group<K extends LookKey>(key: K, legend: string, values: ReadonlyArray<Settings[K]>, label: (value: Settings[K]) => string) {
    return html`<fieldset>
      <legend>${legend}</legend>
      ${values.map(
        (value) => html`<label>
          <input type="radio" name=${key} .value=${String(value)} .checked=${this._settings[key] === value} @change=${() => this._change(key, value)} />
          ${label(value)}
        </label>`,
      )}
    </fieldset>`;
  }

  override render() {
    return html`
      ${this._group('readingFont', msg('Font'), READING_FONTS, readingFontLabel)}
      ${this._group('lineWidth', msg('Line width'), LINE_WIDTHS, lineWidthLabel)}
      ${this._group('lineSpacing', msg('Line spacing'), LINE_SPACINGS, lineSpacingLabel)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-reading-look': PamphletReadingLook;
  }
}
