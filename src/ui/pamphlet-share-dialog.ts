import { appBase } from '../browser/app-folder.ts';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { exportArticles, loadArticles, saveFile, type ExportedFile } from '../export/export-articles.ts';
import { MAX_LINK_LENGTH, linkFor, sharedPayload } from '../shared/bundle/compact-payload.ts';
import { frameRate } from '../l10n/counts.ts';
import { errorText } from '../l10n/note-text.ts';
import { DENSITIES, SPEEDS, DEFAULT_DENSITY, DEFAULT_SPEED, type Density } from '../shared/qr/qr-symbol.ts';
import type { Article } from '../shared/article.ts';
import type { DecodedImage } from '../shared/bundle/bundle-format.ts';
import { publishersOf } from '../publishers/publishers-of.ts';
import { discreetOn } from '../discreet/discreet-mode.ts';
import { dialogStyles } from './dialog-styles.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-qr-code.ts';

function densityLabel(density: Density): string {
  switch (density) {
    case 'low':
      return msg('Easiest to read');
    case 'medium':
      return msg('Balanced');
    case 'high':
      return msg('Fastest');
  }
}

/** Whether the system share sheet can take a file here (Android, iOS, Windows, ChromeOS). */
export function canShareFile(file: ExportedFile): boolean {
  const files = [new File([file.blob], file.name, { type: 'text/html' })];
  return typeof navigator.canShare === 'function' && navigator.canShare({ files });
}

/** Hands the bundle file to the system share sheet: Bluetooth, nearby sharing, messengers. */
export async function shareWithSystem(file: ExportedFile, title: string): Promise<void> {
  try {
    // Discreet mode: no title in the share sheet (see discreet-mode.ts).
    await navigator.share({ files: [new File([file.blob], file.name, { type: 'text/html' })], ...(discreetOn() ? {} : { title }) });
  } catch (error) {
    if ((error as DOMException).name !== 'AbortError') throw error;
  }
}

/**
 * Every way to pass articles on: the system share sheet where there is one, the file, a link
 * (when the article fits one), and QR codes (one, or an animated run) for phone to phone with no
 * network. Every way carries the same signed articles.
 */
@customElement('pamphlet-share-dialog')
@localized()
export class PamphletShareDialog extends LitElement {
  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      dialog {
        max-width: min(36rem, calc(100vw - 2rem));
      }
      .ways {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0.75rem 0;
      }
      .options {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        margin: 0.5rem 0;
      }
      label {
        display: inline-flex;
        gap: 0.4rem;
        align-items: center;
        min-height: 44px;
      }
      .close {
        display: flex;
        justify-content: end;
        margin-top: 0.75rem;
      }
    `,
  ];

  @property({ attribute: false }) articleIds: string[] = [];
  /** Set by share() before it opens the dialog. */
  @property() heading = '';
  @query('dialog') private _dialog!: HTMLDialogElement;
  @state() private _file?: ExportedFile;
  @state() private _link?: string;
  @state() private _payload?: Uint8Array;
  @state() private _showQr = false;
  @state() private _withImages = false;
  @state() private _hasImages = false;
  @state() private _density: Density = DEFAULT_DENSITY;
  @state() private _speed = DEFAULT_SPEED;
  @state() private _message = '';

  /** Opens the dialog for the current articles. */
  async open(): Promise<void> {
    this._message = '';
    this._showQr = false;
    this._withImages = false;
    await this.updateComplete;
    this._dialog.showModal();
    try {
      const { articles, images } = await loadArticles(this.articleIds);
      this._hasImages = images.length > 0;
      this._file = await exportArticles(this.articleIds);
      const textOnly = await this._compact(articles);
      const link = linkFor(appBase(), textOnly);
      this._link = link.length <= MAX_LINK_LENGTH ? link : undefined;
      this._payload = textOnly;
    } catch (error) {
      const reason = errorText(error);
      this._message = msg(str`Sharing is not possible: ${reason}`);
    }
  }

  private async _setImages(withImages: boolean): Promise<void> {
    this._withImages = withImages;
    const { articles, images } = await loadArticles(this.articleIds);
    this._payload = await this._compact(articles, withImages ? images : undefined);
  }

  /** The compact payload, with the way home when it fits (see sharedPayload). */
  private async _compact(articles: Article[], images?: DecodedImage[]): Promise<Uint8Array> {
    return sharedPayload(articles, images, await publishersOf(articles));
  }

  private async _onShareSystem(): Promise<void> {
    if (this._file) await shareWithSystem(this._file, this.heading);
  }

  private _onSave(): void {
    if (!this._file) return;
    saveFile(this._file);
    const name = this._file.name;
    this._message = msg(str`Saved as ${name}.`);
  }

  private async _onCopyLink(): Promise<void> {
    if (!this._link) return;
    try {
      await navigator.clipboard.writeText(this._link);
      this._message = msg('Link copied. It carries the text; whoever opens it in Pamphlet gets the article with its signature.');
    } catch {
      this._message = msg('The browser did not let Pamphlet copy the link. Save the file, or show the QR code, instead.');
    }
  }

  private _qr() {
    if (!this._showQr || !this._payload) return nothing;
    return html`<div class="options">
        ${
          this._hasImages
            ? html`<label
              ><input type="checkbox" .checked=${this._withImages} @change=${(event: Event) => this._setImages((event.target as HTMLInputElement).checked)} />
              ${msg('Include images')}</label
            >`
            : nothing
        }
        <label
          >${msg('Speed')}
          <select @change=${(event: Event) => (this._speed = Number((event.target as HTMLSelectElement).value))}>
            ${SPEEDS.map((speed) => html`<option value=${speed} ?selected=${speed === this._speed}>${frameRate(speed)}</option>`)}
          </select>
        </label>
        <label
          >${msg('Density')}
          <select @change=${(event: Event) => (this._density = (event.target as HTMLSelectElement).value as Density)}>
            ${(Object.keys(DENSITIES) as Density[]).map(
              (density) => html`<option value=${density} ?selected=${density === this._density}>${densityLabel(density)}</option>`,
            )}
          </select>
        </label>
      </div>
      <pamphlet-qr-code .payload=${this._payload} .density=${this._density} .speed=${this._speed} label=${msg(str`QR code for ${this.heading}`)}></pamphlet-qr-code>`;
  }

  override render() {
    const file = this._file;
    return html`<dialog aria-labelledby="share-heading">
      <h2 id="share-heading">${this.heading}</h2>
      <p class="muted">${msg('Every way carries the publisher’s signature: whoever receives it sees who wrote it.')}</p>
      <div class="ways">
        ${file && canShareFile(file) ? html`<button @click=${this._onShareSystem}>${msg('Share with an app…')}</button>` : nothing}
        <button class="secondary" ?disabled=${!file} @click=${this._onSave}>${msg('Save file')}</button>
        ${this._link ? html`<button class="secondary" @click=${this._onCopyLink}>${msg('Copy link')}</button>` : nothing}
        <button class="secondary" aria-expanded=${this._showQr ? 'true' : 'false'} ?disabled=${!this._payload} @click=${() => (this._showQr = !this._showQr)}>
          ${this._showQr ? msg('Hide QR code') : msg('Show QR code')}
        </button>
      </div>
      ${file && !this._link ? html`<p class="muted">${msg('Too long for a link: save the file or show the QR codes.')}</p>` : nothing}
      ${this._qr()}
      <p role="status">${this._message}</p>
      <div class="close"><button class="secondary" @click=${() => this._dialog.close()}>${msg('Close')}</button></div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-share-dialog': PamphletShareDialog;
  }
}
