import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LibraryActionEvent, type LibraryAction } from '../events.ts';
import { importFiles, importLinkText } from '../import/import-queue.ts';
import { holdsLink } from '../import/link-text.ts';
import { formatNumber } from '../format.ts';
import { articleCount } from '../l10n/counts.ts';
import { chooseForNearby } from '../nearby/nearby-choice.ts';
import { navigate } from '../router.ts';
import { errorText } from '../l10n/note-text.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * What the reader can do in the library: bring articles in (Import, Scan, a link), take them out
 * (Export, Share), and act on the selected ones (read, star, collect, delete).
 */
@customElement('pamphlet-library-toolbar')
@localized()
export class PamphletLibraryToolbar extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0 0 0.75rem;
      }
      input[type='file'] {
        display: none;
      }
      .button-link {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        padding: 0 1rem;
        border: 1px solid var(--accent);
        border-radius: 6px;
        text-decoration: none;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
        margin: 0 0 0.75rem;
      }
      form label {
        display: flex;
        flex-direction: column;
        flex: 1 1 12rem;
        font-size: 0.875rem;
      }
      .selection {
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--accent);
        border-radius: 8px;
        background: var(--surface);
      }
      .selection strong {
        margin-inline-end: 0.25rem;
      }
      .problem {
        color: var(--refused);
      }
    `,
  ];

  @property({ attribute: false }) selected: string[] = [];
  @property({ type: Number }) total = 0;
  @query('input[type="file"]') private _fileInput!: HTMLInputElement;
  @state() private _problem = '';
  @state() private _collecting = false;

  private _act(action: LibraryAction, tag?: string): void {
    this.dispatchEvent(new LibraryActionEvent(action, tag));
  }

  private _onFilesChosen(): void {
    const files = [...(this._fileInput.files ?? [])];
    this._fileInput.value = '';
    if (files.length > 0) importFiles(files);
  }

  private _onOpenLink(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = String(new FormData(form).get('link') ?? '');
    if (!holdsLink(text)) {
      this._problem = msg('That is not a Pamphlet link: a Pamphlet link has “#bundle=” followed by the article.');
      return;
    }
    this._problem = '';
    importLinkText(text);
    form.reset();
  }

  private _onCollect(event: SubmitEvent): void {
    event.preventDefault();
    const tag = String(new FormData(event.target as HTMLFormElement).get('collection') ?? '').trim();
    if (!tag) return;
    this._collecting = false;
    this._act('tag', tag);
  }

  private async _export(which: 'selected' | 'all'): Promise<void> {
    this._problem = '';
    try {
      const { exportArticles, exportLibrary, saveFile } = await import('../export/export-articles.ts');
      saveFile(which === 'all' ? await exportLibrary() : await exportArticles(this.selected));
    } catch (error) {
      const reason = errorText(error);
      this._problem = msg(str`Export failed: ${reason}`);
    }
  }

  private async _share(): Promise<void> {
    try {
      const { share } = await import('./share-action.ts');
      const articles = articleCount(this.selected.length);
      await share(this, this.selected, msg(str`Share ${articles}`));
    } catch (error) {
      const reason = errorText(error);
      this._problem = msg(str`Sharing failed: ${reason}`);
    }
  }

  /** The Nearby screen's code loads when it opens; the choice waits for it in a tiny module. */
  private _sendNearby(): void {
    chooseForNearby(this.selected);
    navigate('/nearby');
  }

  private _selection() {
    if (this.selected.length === 0) return nothing;
    const count = formatNumber(this.selected.length);
    return html`<div class="bar selection" role="group" aria-label=${msg('Selected articles')}>
      <strong>${msg(str`${count} selected`)}</strong>
      <button class="secondary" @click=${() => this._act('read')}>${msg('Mark read')}</button>
      <button class="secondary" @click=${() => this._act('unread')}>${msg('Mark unread')}</button>
      <button class="secondary" @click=${() => this._act('star')}>${msg('Star')}</button>
      <button class="secondary" @click=${() => this._act('unstar')}>${msg('Unstar')}</button>
      <button class="secondary" aria-expanded=${this._collecting ? 'true' : 'false'} @click=${() => (this._collecting = !this._collecting)}>
        ${msg('Add to collection')}
      </button>
      <button class="secondary" @click=${this._sendNearby}>${msg('Send to a phone nearby')}</button>
      <button class="secondary" @click=${() => this._act('delete')}>${msg('Delete')}</button>
      <button class="secondary" @click=${() => this._act('clear')}>${msg('Clear selection')}</button>
    </div>
    ${this._collecting
      ? html`<form @submit=${this._onCollect}>
          <label>${msg('Collection name')} <input name="collection" type="text" autocomplete="off" required /></label>
          <button class="secondary" type="submit">${msg('Add')}</button>
        </form>`
      : nothing}`;
  }

  override render() {
    const selected = this.selected.length;
    const count = formatNumber(selected);
    return html`<div class="bar">
        <button @click=${() => this._fileInput.click()}>${msg('Import')}</button>
        <input
          type="file"
          multiple
          accept=".html,.htm,text/html,.json,application/json"
          aria-label=${msg('Bundle, source or saved page files')}
          @change=${this._onFilesChosen}
        />
        <a class="button-link" href="/scan">${msg('Scan')}</a>
        <button class="secondary" ?disabled=${selected === 0} @click=${() => this._export('selected')}>
          ${selected > 0 ? msg(str`Export selected (${count})`) : msg('Export selected')}
        </button>
        <button class="secondary" ?disabled=${selected === 0} @click=${this._share}>
          ${selected > 0 ? msg(str`Share selected (${count})`) : msg('Share selected')}
        </button>
        <button class="secondary" ?disabled=${this.total === 0} @click=${() => this._export('all')}>${msg('Export library')}</button>
      </div>
      <form @submit=${this._onOpenLink}>
        <label
          >${msg('Pamphlet link')}
          <input name="link" type="text" inputmode="url" dir="ltr" autocomplete="off" placeholder="https://…#bundle=…" required
        /></label>
        <button class="secondary" type="submit">${msg('Open link')}</button>
      </form>
      ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}
      ${this._selection()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-library-toolbar': PamphletLibraryToolbar;
  }
}
