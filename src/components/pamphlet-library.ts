import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatPublished, languageName } from '../format.ts';
import { LIBRARY_PAINTED } from '../performance-marks.ts';
import { readerPath } from '../router.ts';
import { loadSamplesOnFirstStart } from '../samples.ts';
import type { ArticleSummary } from '../shared/db-schema.ts';
import { countArticles, listSummaries } from '../storage/articles.ts';
import { readArticleIds } from '../storage/reading.ts';
import { sharedStyles } from './shared-styles.ts';

const PAGE_SIZE = 100;

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
    `,
  ];

  @state() private _entries: ArticleSummary[] = [];
  @state() private _total = 0;
  @state() private _read = new Set<string>();
  @state() private _loading = true;
  @state() private _error = '';
  private _painted = false;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Library · Pamphlet';
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      await loadSamplesOnFirstStart().catch((error: unknown) => {
        // The library is still worth showing without the sample; say what went wrong.
        this._error = `The built-in sample could not be added: ${error instanceof Error ? error.message : String(error)}`;
      });
      const [entries, total, read] = await Promise.all([listSummaries(PAGE_SIZE), countArticles(), readArticleIds()]);
      this._entries = entries;
      this._total = total;
      this._read = read;
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

  private _item(entry: ArticleSummary) {
    const read = this._read.has(entry.id);
    return html`<li class=${read ? 'read' : 'unread'}>
      <h2><a href=${readerPath(entry.id)} lang=${entry.lang} dir=${entry.dir}>${entry.title}</a></h2>
      <p class="meta muted">
        <span>${entry.publisherName}</span>
        <time datetime=${entry.published}>${formatPublished(entry.published)}</time>
        <span>${languageName(entry.lang)}</span>
        <span class=${read ? '' : 'state-unread'}>${read ? 'Read' : 'Unread'}</span>
      </p>
      <p class="excerpt" lang=${entry.lang} dir=${entry.dir}>${entry.summary}</p>
    </li>`;
  }

  override render() {
    const count = this._total === 1 ? '1 article' : `${this._total} articles`;
    return html`
      <h1>Library</h1>
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
