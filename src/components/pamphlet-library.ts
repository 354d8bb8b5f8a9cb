import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatPublished, languageName } from '../format.ts';
import { holdsLink } from '../import/link-text.ts';
import { importFiles, importLinkText } from '../import/import-queue.ts';
import { onLibraryChanged } from '../library-events.ts';
import { LIBRARY_PAINTED } from '../performance-marks.ts';
import { readerPath } from '../router.ts';
import { loadSamplesOnFirstStart } from '../samples.ts';
import type { ArticleSummary } from '../shared/db-schema.ts';
import { storedVerdict, type TrustedKey } from '../shared/verdict.ts';
import { countArticles, listSummaries } from '../storage/articles.ts';
import { readArticleIds } from '../storage/reading.ts';
import { getSettings } from '../storage/settings.ts';
import { trustedKeys } from '../storage/trusted-keys.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-verdict.ts';

const PAGE_SIZE = 100;
/** Articles added since the last backup before the library suggests a new one. */
const BACKUP_REMINDER_AFTER = 25;

/** The library: every stored article, newest first, with its read state. */
@customElement('pamphlet-library')
export class PamphletLibrary extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 48rem;
        margin: 0 auto;
      }
      h1 {
        font-size: 1.5rem;
        margin: 1.25rem 0 0.25rem;
      }
      .count {
        margin: 0 0 1rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        padding: 0.875rem 0;
        border-block-end: 1px solid var(--border);
      }
      h2 {
        font-size: 1.125rem;
        line-height: 1.35;
        margin: 0 0 0.25rem;
      }
      h2 a {
        color: var(--fg);
        text-decoration: none;
      }
      h2 a:hover {
        text-decoration: underline;
      }
      .unread h2 a {
        font-weight: 700;
      }
      .read h2 a {
        font-weight: 500;
      }
      .meta {
        font-size: 0.875rem;
        margin: 0 0 0.375rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.5rem;
      }
      .meta > * + *::before {
        content: '·';
        margin-inline-end: 0.5rem;
        color: var(--muted);
      }
      .state-unread {
        color: var(--unread);
        font-weight: 600;
      }
      .excerpt {
        margin: 0;
        line-height: 1.5;
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .more {
        margin: 1.5rem 0;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0 0 0.75rem;
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
      .toolbar input[type='file'] {
        display: none;
      }
      .link-form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
        margin: 0 0 1rem;
      }
      .link-form label {
        display: flex;
        flex-direction: column;
        flex: 1 1 14rem;
        font-size: 0.875rem;
      }
      li {
        display: grid;
        grid-template-columns: auto 1fr;
        column-gap: 0.75rem;
      }
      li > input[type='checkbox'] {
        width: 1.25rem;
        height: 1.25rem;
        margin: 0.2rem 0 0;
        accent-color: var(--accent);
      }
      .problem {
        color: var(--refused);
      }
      .reminder {
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--border);
        border-radius: 8px;
        background: var(--surface);
      }
    `,
  ];

  @state() private _entries: ArticleSummary[] = [];
  @state() private _total = 0;
  @state() private _read = new Set<string>();
  @state() private _loading = true;
  @state() private _error = '';
  @state() private _trusted = new Map<string, TrustedKey>();
  @state() private _unbackedUp = 0;
  @state() private _selected = new Set<string>();
  @state() private _problem = '';
  @query('input[type="file"]') private _fileInput!: HTMLInputElement;
  private _painted = false;
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Library · Pamphlet';
    this._unsubscribe = onLibraryChanged(() => void this._load());
    void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  private async _load(): Promise<void> {
    try {
      await loadSamplesOnFirstStart().catch((error: unknown) => {
        // The library is still worth showing without the sample; say what went wrong.
        this._error = `The built-in sample could not be added: ${error instanceof Error ? error.message : String(error)}`;
      });
      const shown = Math.max(PAGE_SIZE, this._entries.length);
      const [entries, total, read, trusted] = await Promise.all([listSummaries(shown), countArticles(), readArticleIds(), trustedKeys()]);
      this._entries = entries;
      this._total = total;
      this._read = read;
      this._trusted = trusted;
      const { lastBackupArticles } = await getSettings();
      this._unbackedUp = total - lastBackupArticles >= BACKUP_REMINDER_AFTER ? total - lastBackupArticles : 0;
    } catch (error) {
      this._error = `The library could not be opened: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this._loading = false;
    }
  }

  protected override updated(): void {
    if (!this._loading && !this._painted) {
      this._painted = true;
      // The moment the library first reached the screen (after the frame that paints it).
      requestAnimationFrame(() => setTimeout(() => performance.mark(LIBRARY_PAINTED)));
    }
  }

  private async _onShowMore(): Promise<void> {
    const last = this._entries.at(-1);
    if (!last) return;
    this._entries = [...this._entries, ...(await listSummaries(PAGE_SIZE, last))];
  }

  private _onImportClick(): void {
    this._fileInput.click();
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
      this._problem = 'That is not a Pamphlet link: a Pamphlet link has “#bundle=” followed by the article.';
      return;
    }
    this._problem = '';
    importLinkText(text);
    form.reset();
  }

  private _onSelect(id: string, event: Event): void {
    const selected = new Set(this._selected);
    if ((event.target as HTMLInputElement).checked) selected.add(id);
    else selected.delete(id);
    this._selected = selected;
  }

  private async _export(which: 'selected' | 'all'): Promise<void> {
    this._problem = '';
    try {
      const { exportArticles, exportLibrary, saveFile } = await import('../export/export-articles.ts');
      saveFile(which === 'all' ? await exportLibrary() : await exportArticles([...this._selected]));
    } catch (error) {
      this._problem = `Export failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private async _onBackUp(): Promise<void> {
    try {
      const [{ backUpLibrary }, { saveFile }] = await Promise.all([import('../backup/library-backup.ts'), import('../export/export-articles.ts')]);
      saveFile(await backUpLibrary());
      this._unbackedUp = 0;
    } catch (error) {
      this._problem = `The backup failed: ${(error as Error).message}`;
    }
  }

  private async _onShareSelected(): Promise<void> {
    const ids = [...this._selected];
    try {
      const { share } = await import('./share-action.ts');
      await share(this, ids, ids.length === 1 ? 'Share 1 article' : `Share ${ids.length} articles`);
    } catch (error) {
      this._problem = `Sharing failed: ${(error as Error).message}`;
    }
  }

  private _toolbar() {
    const count = this._selected.size;
    return html`<div class="toolbar">
        <button @click=${this._onImportClick}>Import</button>
        <input type="file" multiple accept=".html,.htm,text/html,.json,application/json" aria-label="Bundle, source or saved page files" @change=${this._onFilesChosen} />
        <button class="secondary" ?disabled=${count === 0} @click=${() => this._export('selected')}>
          Export selected${count > 0 ? ` (${count})` : ''}
        </button>
        <button class="secondary" ?disabled=${count === 0} @click=${this._onShareSelected}>Share selected${count > 0 ? ` (${count})` : ''}</button>
        <button class="secondary" ?disabled=${this._total === 0} @click=${() => this._export('all')}>Export library</button>
        <a class="button-link" href="/scan">Scan</a>
      </div>
      <form class="link-form" @submit=${this._onOpenLink}>
        <label>Pamphlet link <input name="link" type="text" inputmode="url" autocomplete="off" placeholder="https://…#bundle=…" required /></label>
        <button class="secondary" type="submit">Open link</button>
      </form>
      ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}`;
  }

  private _item(entry: ArticleSummary) {
    const read = this._read.has(entry.id);
    return html`<li class=${read ? 'read' : 'unread'}>
      <input type="checkbox" aria-label=${`Select “${entry.title}”`} .checked=${this._selected.has(entry.id)} @change=${(event: Event) => this._onSelect(entry.id, event)} />
      <div>
      <h2><a href=${readerPath(entry.id)} lang=${entry.lang} dir=${entry.dir}>${entry.title}</a></h2>
      <p class="meta muted">
        <pamphlet-verdict .verdict=${storedVerdict(entry.signerKey, this._trusted)}></pamphlet-verdict>
        <span>${entry.publisherName}</span>
        <time datetime=${entry.published}>${formatPublished(entry.published)}</time>
        <span>${languageName(entry.lang)}</span>
        <span class=${read ? '' : 'state-unread'}>${read ? 'Read' : 'Unread'}</span>
      </p>
      <p class="excerpt" lang=${entry.lang} dir=${entry.dir}>${entry.summary}</p>
      </div>
    </li>`;
  }

  override render() {
    const count = this._total === 1 ? '1 article' : `${this._total} articles`;
    return html`
      <h1>Library</h1>
      ${this._unbackedUp > 0
        ? html`<p class="reminder" role="status">
            ${this._unbackedUp} articles are in no backup yet. A backup keeps them if this browser loses its data, and moves them to another phone or mirror.
            <button class="secondary" @click=${this._onBackUp}>Back up library</button>
          </p>`
        : nothing}
      ${this._toolbar()}
      ${this._error ? html`<p role="alert">${this._error}</p>` : nothing}
      ${this._loading
        ? html`<p class="muted" role="status">Opening the library…</p>`
        : html`<p class="count muted">${count}</p>
            ${this._total === 0
              ? html`<p>Your library is empty.</p>`
              : html`<ul aria-label="Library">
                  ${repeat(this._entries, (entry) => entry.id, (entry) => this._item(entry))}
                </ul>`}
            ${this._entries.length < this._total
              ? html`<p class="more"><button class="secondary" @click=${this._onShowMore}>Show more articles</button></p>`
              : nothing}`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-library': PamphletLibrary;
  }
}
