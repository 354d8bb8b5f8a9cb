import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatMoment } from '../l10n/format.ts';
import { notifyLibraryChanged } from '../browser/library-changes.ts';
import type { DeletedArticle } from '../shared/db-schema.ts';
import { allowAgain, listDeleted } from '../browser/storage/deleted.ts';
import { columnScreenStyles, sharedStyles } from './shared-styles.ts';

/**
 * "Recently deleted": the articles the reader deleted, which no sync fetches again. What is kept of
 * each is what names it (sealed under the lock); its text and images went with it. "Bring back"
 * lets it come again: from its publisher's mirrors at the next sync, or by importing it again.
 */
@customElement('pamphlet-deleted')
@localized()
export class PamphletDeleted extends LitElement {
  static override styles = [
    sharedStyles,
    columnScreenStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem 0;
        border-bottom: 1px solid var(--border);
      }
      h2 {
        font-size: 1rem;
        margin: 0;
      }
    `,
  ];

  @state() private _entries?: DeletedArticle[];
  @state() private _status = '';

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Recently deleted · Pamphlet');
    void this._load();
  }

  private async _load(): Promise<void> {
    this._entries = await listDeleted();
  }

  private async _onBringBack(entry: DeletedArticle): Promise<void> {
    await allowAgain(entry.articleId);
    const title = entry.title;
    this._status = msg(
      str`“${title}” may come back: the next sync fetches it from its publisher’s mirrors if they still carry it; an article that came in a file, a link or from a phone comes back when you import it again.`,
    );
    notifyLibraryChanged();
    await this._load();
    void (await import('../sync/sync-queue.ts')).syncAll();
  }

  private _entry(entry: DeletedArticle) {
    const when = formatMoment(entry.deletedAt);
    return html`<li>
      <div>
        <h2><bdi>${entry.title}</bdi></h2>
        <p class="muted">${msg(html`<bdi>${entry.publisherName}</bdi> · deleted ${when}`)}</p>
      </div>
      <button class="secondary" @click=${() => this._onBringBack(entry)}>${msg(str`Bring back “${entry.title}”`)}</button>
    </li>`;
  }

  override render() {
    const entries = this._entries;
    return html`<h1>${msg('Recently deleted')}</h1>
      <p>${msg('Articles you deleted. A sync never fetches them again; only their titles are kept here, sealed with the library lock when it is on. Their text and images are gone.')}</p>
      <p role="status">${this._status}</p>
      ${
        entries === undefined
          ? nothing
          : entries.length === 0
            ? html`<p>${msg('Nothing deleted.')}</p>`
            : html`<ul aria-label=${msg('Recently deleted')}>
              ${entries.map((entry) => this._entry(entry))}
            </ul>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-deleted': PamphletDeleted;
  }
}
