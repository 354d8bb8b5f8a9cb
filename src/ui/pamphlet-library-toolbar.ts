import { screenAddress } from '../app/router.ts';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators/custom-element.js';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { importFiles, importLinkText, loadImportCode } from '../import/import-queue.ts';
import { holdsLink } from '../import/link-text.ts';
import { formatNumber } from '../l10n/format.ts';
import { articleCount } from '../l10n/article-count.ts';
import { describeError } from '../l10n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import { formText } from './form-text.ts';

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
      .problem {
        color: var(--refused);
      }
      .more[hidden] {
        display: none;
      }
    `,
  ];

  @property({ attribute: false }) selected: string[] = [];
  @property({ type: Number }) total = 0;
  /** Found at use rather than with @query, whose code the first screen would load for this alone. */
  private get _fileInput(): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>('input.files')!;
  }
  private get _folderInput(): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>('input.folder')!;
  }
  @state() private _problem = '';
  /** Whether the rarer actions (the link field, exporting the whole library) are shown. */
  @state() private _more = false;

  private _onImport(): void {
    loadImportCode();
    this._fileInput.click();
  }

  private _onFilesChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) importFiles(files);
  }

  private _onOpenLink(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = formText(form, 'link');
    if (!holdsLink(text)) {
      this._problem = msg('That is not a Pamphlet link: a Pamphlet link has “#bundle=” followed by the article.');
      return;
    }
    this._problem = '';
    importLinkText(text);
    form.reset();
  }

  private async _export(which: 'selected' | 'all'): Promise<void> {
    this._problem = '';
    try {
      const { exportArticles, exportLibrary, saveFile } = await import('../export/export-articles.ts');
      saveFile(which === 'all' ? await exportLibrary() : await exportArticles(this.selected));
    } catch (error) {
      const reason = await describeError(error);
      this._problem = msg(str`Export failed: ${reason}`);
    }
  }

  private async _share(): Promise<void> {
    try {
      const { share } = await import('./share-action.ts');
      const articles = articleCount(this.selected.length);
      await share(this, this.selected, msg(str`Share ${articles}`));
    } catch (error) {
      const reason = await describeError(error);
      this._problem = msg(str`Sharing failed: ${reason}`);
    }
  }

  /** The actions on the selected articles, whose code loads with the first selection. */
  private _selection() {
    if (this.selected.length === 0) return nothing;
    import('./pamphlet-selection-actions.ts').catch(() => {
      this._problem = msg(
        'This part of Pamphlet could not be loaded, probably because a newer version was published since this tab opened. Reload to get it.',
      );
    });
    return html`<pamphlet-selection-actions .count=${this.selected.length}></pamphlet-selection-actions>`;
  }

  override render() {
    const selected = this.selected.length;
    // Only with a selection: a first Intl formatter on the first screen costs 20 ms of ICU data.
    const count = selected > 0 ? formatNumber(selected) : '';
    // The articles come first on a phone: two everyday actions and a menu of the rarer ones, and
    // the actions on a selection only once there is one.
    return html`<div class="bar">
        <button @click=${this._onImport}>${msg('Import')}</button>
        <input
          class="files"
          type="file"
          multiple
          accept=".html,.htm,text/html,.mhtml,.mht,multipart/related,message/rfc822,.json,application/json,image/*"
          aria-label=${msg('Bundle, source or saved page files')}
          @change=${this._onFilesChosen}
        />
        <a class="button-link" href=${screenAddress('scan')}>${msg('Scan')}</a>
        <button
          class="secondary"
          aria-expanded=${this._more ? 'true' : 'false'}
          aria-controls="more"
          @click=${() => (this._more = !this._more)}
        >
          ${msg('More', { id: 'library-more', desc: 'The button that shows the library’s rarer actions (a link field, export of the whole library)' })}
        </button>
      </div>
      <div id="more" class="more" ?hidden=${!this._more}>
        <form class="form-row" @submit=${this._onOpenLink}>
          <label
            >${msg('Pamphlet link')}
            <input name="link" type="text" inputmode="url" dir="ltr" autocomplete="off" placeholder="https://…#bundle=…" required
          /></label>
          <button class="secondary" type="submit">${msg('Open link')}</button>
        </form>
        <div class="bar">
          <button
            class="secondary"
            @click=${() => {
              loadImportCode();
              this._folderInput.click();
            }}
          >${msg('Import a folder')}</button>
          <input
            class="folder"
            type="file"
            .webkitdirectory=${true}
            aria-label=${msg('A folder of saved pages (a page saved as “Webpage, complete” with its folder)')}
            @change=${this._onFilesChosen}
          />
          <button class="secondary" ?disabled=${this.total === 0} @click=${() => this._export('all')}>${msg('Export library')}</button>
          <a class="button-link" href=${screenAddress('highlights')}>${msg('Highlights and notes')}</a>
        </div>
      </div>
      ${
        selected > 0
          ? html`<div class="bar">
              <button class="secondary" @click=${() => this._export('selected')}>${msg(str`Export selected (${count})`)}</button>
              <button class="secondary" @click=${this._share}>${msg(str`Share selected (${count})`)}</button>
            </div>`
          : nothing
      }
      ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}
      ${this._selection()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-library-toolbar': PamphletLibraryToolbar;
  }
}
