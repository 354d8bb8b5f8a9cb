import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { customElement } from 'lit/decorators/custom-element.js';
import { state } from 'lit/decorators/state.js';
import { FiltersChangedEvent, LibraryActionEvent } from './element-events.ts';
import { NO_FILTERS, type LibraryEntry } from '../library/library-entries.ts';
import { formatNumber } from '../l10n/format.ts';
import { articleCount } from '../l10n/article-count.ts';
import { chooseForNearby } from '../nearby/nearby-choice.ts';
import { navigate, screenAddress } from '../app/router.ts';
import { deleteArticles, undoDeletion, type Deletion } from '../browser/storage/articles.ts';
import { setRead, setStarred, setTag } from '../browser/storage/reading.ts';
import { assertNever } from '../shared/assert-never.ts';
import { LibraryController } from './library-controller.ts';
import { libraryList } from './library-list.ts';
import { libraryStyles } from './library-styles.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-library-filters.ts';
import './pamphlet-library-toolbar.ts';

/** The library: every stored article, searchable and filterable, with what the reader did with it. */
@customElement('pamphlet-library')
@localized()
export class PamphletLibrary extends LitElement {
  static override styles = [sharedStyles, libraryStyles];

  private _library = new LibraryController(this);
  @state() private _selected = new Set<string>();
  @state() private _notice = '';
  @state() private _deletion?: Deletion;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Library · Pamphlet');
  }

  /**
   * Never rendered while out of the page: the list's virtualizer, made in a render after the
   * reader has moved on (the rest of the library arrives late), would listen to the window for
   * ever and keep every entry alive (lit/lit#5314).
   */
  protected override shouldUpdate(): boolean {
    return this.isConnected;
  }

  private _onFilters(event: FiltersChangedEvent): void {
    void this._library.filter(event.filters);
  }

  private _onSelect = (entry: LibraryEntry, selected: boolean): void => {
    const next = new Set(this._selected);
    if (selected) next.add(entry.id);
    else next.delete(entry.id);
    this._selected = next;
  };

  private _onStar = async (entry: LibraryEntry): Promise<void> => {
    await setStarred([entry.id], !entry.starred);
    await this._library.loadAll(false);
  };

  private async _onAction(event: LibraryActionEvent): Promise<void> {
    const ids = [...this._selected];
    const { action, tag } = event;
    this._notice = '';
    switch (action) {
      case 'read':
      case 'unread':
        await setRead(ids, action === 'read');
        break;
      case 'star':
      case 'unstar':
        await setStarred(ids, action === 'star');
        break;
      case 'tag':
        if (tag) await setTag(ids, tag);
        break;
      case 'clear':
        this._selected = new Set();
        break;
      case 'nearby':
        // The Nearby screen's code loads when it opens; the choice waits for it in a tiny module.
        chooseForNearby(ids);
        navigate(screenAddress('nearby'));
        return;
      case 'delete': {
        this._deletion = await deleteArticles(ids);
        this._selected = new Set();
        const articles = articleCount(ids.length);
        this._notice = msg(str`Deleted ${articles}.`);
        await this._library.loadAll(true);
        return;
      }
      default:
        assertNever(action);
    }
    await this._library.loadAll(false);
  }

  private async _onUndo(): Promise<void> {
    const deletion = this._deletion;
    if (!deletion) return;
    this._deletion = undefined;
    await undoDeletion(deletion);
    const articles = articleCount(deletion.articles.length);
    this._notice = deletion.articles.length === 1 ? msg('The article is back.') : msg(str`${articles} are back.`);
    await this._library.loadAll(true);
  }

  private _onBackUp(): void {
    void this._library.backUp();
  }

  private _list() {
    const library = this._library;
    const terms = library.filters.query ? library.hits?.terms : undefined;
    const highlighter = library.highlight;
    return libraryList(library.shown, {
      total: library.total,
      isSelected: (entry) => this._selected.has(entry.id),
      onSelect: this._onSelect,
      onStar: (entry) => void this._onStar(entry),
      highlight: terms && highlighter ? (text: string) => highlighter(text, terms) : undefined,
      onVirtualizerLoaded: () => this.requestUpdate(),
    });
  }

  /** Only when there is something to remind of: formatting a count costs a first screen 20 ms of Intl data. */
  private _backupReminder() {
    const unbackedUp = articleCount(this._library.unbackedUp);
    return html`<p class="reminder" role="status">
      ${msg(str`${unbackedUp} are in no backup yet. A backup keeps them if this browser loses its data, and moves them to another phone or mirror.`)}
      <button class="secondary" @click=${this._onBackUp}>${msg('Back up library')}</button>
    </p>`;
  }

  override render() {
    const library = this._library;
    const facets = library.facets;
    const count = articleCount(library.total);
    // "12 of 10,000" only when filters choose: the first screen shows a dozen of all of them.
    const { sort: _sort, ...choices } = library.filters;
    const filtering = Object.entries(choices).some(([name, value]) => value !== NO_FILTERS[name as keyof typeof choices]);
    const shown = filtering ? formatNumber(library.shown.length) : '';
    const showing = !filtering || library.shown.length === library.total ? count : msg(str`${shown} of ${count}`);
    return html`
      <h1>${msg('Library')}</h1>
      ${library.unbackedUp > 0 ? this._backupReminder() : nothing}
      <pamphlet-library-toolbar
        .selected=${[...this._selected]}
        .total=${library.total}
        @pamphlet-library-action=${this._onAction}
      ></pamphlet-library-toolbar>
      ${library.problem ? html`<p class="problem" role="alert">${library.problem}</p>` : nothing}
      <div role="status" class="notice">
        ${this._notice ? html`${this._notice} ${this._deletion ? html`<button class="secondary" @click=${this._onUndo}>${msg('Undo')}</button>` : nothing}` : nothing}
      </div>
      ${
        library.loading
          ? html`<p class="muted" role="status">${msg('Opening the library…')}</p>`
          : html`${
              library.total > 1
                ? html`<pamphlet-library-filters
                  .filters=${library.filters}
                  .sources=${facets.sources}
                  .langs=${facets.langs}
                  .tags=${facets.tags}
                  @pamphlet-filters-changed=${this._onFilters}
                ></pamphlet-library-filters>`
                : nothing
            }
            <p class="count muted">${showing}</p>
            ${this._list()}
            ${library.deleted > 0 ? html`<p class="muted"><a class="deleted-link" href=${screenAddress('deleted')}>${msg(str`Recently deleted (${formatNumber(library.deleted)})`)}</a></p>` : nothing}`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-library': PamphletLibrary;
  }
}
