import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatMoment } from '../l10n/format.ts';
import { errorText } from '../l10n/note-text.ts';
import { getSummaries } from '../browser/storage/articles.ts';
import { allHighlights, type LibraryHighlight } from '../browser/storage/highlights.ts';
import type { ArticleSummary } from '../shared/db-schema.ts';
import { highlightListStyles } from './highlights-styles.ts';
import { highlightAddress } from './highlight-address.ts';
import { columnScreenStyles, sharedStyles } from './shared-styles.ts';

interface Entry {
  highlight: LibraryHighlight;
  article: ArticleSummary;
  /** The reader's address of the article, opened at this highlight. */
  address: string;
}

/**
 * "Highlights": every passage the reader marked, in every article, newest first, with its note and
 * the article it is in; each opens the article at the passage.
 */
@customElement('pamphlet-highlights-view')
@localized()
export class PamphletHighlightsView extends LitElement {
  static override styles = [
    sharedStyles,
    columnScreenStyles,
    highlightListStyles,
    css`
      .source {
        margin: 0;
        font-size: 0.9rem;
      }
    `,
  ];

  @state() private _entries?: Entry[];
  @state() private _problem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Highlights · Pamphlet');
    void this._load().catch((error: unknown) => {
      const reason = errorText(error);
      this._problem = msg(str`The highlights could not be read: ${reason}`);
    });
  }

  private async _load(): Promise<void> {
    const highlights = await allHighlights();
    const ids = [...new Set(highlights.map((highlight) => highlight.articleId))];
    const summaries = new Map((await getSummaries(ids)).flatMap((summary) => (summary ? [[summary.id, summary] as const] : [])));
    const entries: Entry[] = [];
    for (const highlight of highlights) {
      const article = summaries.get(highlight.articleId);
      if (!article) continue;
      const address = await highlightAddress(article.id, highlight.id);
      entries.push({ highlight, article, address });
    }
    this._entries = entries;
  }

  private _entry({ highlight, article, address }: Entry) {
    const when = formatMoment(highlight.createdAt);
    return html`<li>
      <blockquote lang=${article.lang} dir=${article.dir}>${highlight.quote}</blockquote>
      ${highlight.note ? html`<p class="note"><span class="visually-hidden">${msg('Your note:')} </span><bdi>${highlight.note}</bdi></p>` : nothing}
      <p class="source muted"><a href=${address}><bdi lang=${article.lang}>${article.title}</bdi></a> · ${when}</p>
    </li>`;
  }

  override render() {
    const entries = this._entries;
    return html`<h1>${msg('Highlights')}</h1>
      <p>
        ${msg('The passages you highlighted and your notes on them, newest first. They are yours: kept in your backups and under the lock when it is on.')}
      </p>
      ${this._problem ? html`<p role="alert">${this._problem}</p>` : nothing}
      ${
        !entries
          ? html`<p class="muted" role="status">${msg('Reading your highlights…')}</p>`
          : entries.length === 0
            ? html`<p class="muted">${msg('No highlights yet. Select text in an article to highlight it.')}</p>`
            : html`<ol aria-label=${msg('Highlights')}>${entries.map((entry) => this._entry(entry))}</ol>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-highlights-view': PamphletHighlightsView;
  }
}
