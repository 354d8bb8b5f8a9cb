import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { customElement } from 'lit/decorators/custom-element.js';
import { state } from 'lit/decorators/state.js';
import { FiltersChangedEvent, LibraryActionEvent } from './element-events.ts';
import {
  applyFilters,
  entriesOf,
  facetsOf,
  NO_FACETS,
  NO_FILTERS,
  type Facets,
  type LibraryEntry,
  type LibraryFilters,
} from '../library/library-entries.ts';
import { FIRST_SCREEN_ENTRIES, forgetFirstScreen, readFirstScreen, saveFirstScreen } from '../library/first-screen.ts';
import { formatNumber } from '../l10n/format.ts';
import { articleCount } from '../l10n/article-count.ts';
import { firstScreenPainted } from '../app/after-first-paint.ts';
import { describeError } from '../l10n/describe-error.ts';
import { onLibraryChanged } from '../browser/library-changes.ts';
import { chooseForNearby } from '../nearby/nearby-choice.ts';
import { navigate } from '../app/router.ts';
import { LIBRARY_CONFIRMED, LIBRARY_PAINTED, LIBRARY_STARTED, SEARCH_SHOWN, SEARCH_STARTED } from '../app/performance-marks.ts';
import { loadSamplesOnFirstStart } from '../library/samples.ts';
import type { SearchResult } from '../shared/search/search-index.ts';
import { allSummaries, countArticles, deleteArticles, listSummaries, undoDeletion, type Deletion } from '../browser/storage/articles.ts';
import { countDeleted } from '../browser/storage/deleted.ts';
import { allReadingStates, readingStatesOf, setRead, setStarred, setTag } from '../browser/storage/reading.ts';
import { getSettings } from '../browser/storage/settings.ts';
import type { ArticleSummary } from '../shared/db-schema.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';
import { libraryItem } from './library-item.ts';
import { libraryStyles } from './library-styles.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-library-filters.ts';
import './pamphlet-library-toolbar.ts';

/** Longer lists render only what is on screen, so that 10,000 entries scroll as smoothly as 10. */
const VIRTUALIZE_FROM = 150;

type Virtualize = typeof import('@lit-labs/virtualizer/virtualize.js').virtualize;
let virtualize: Virtualize | undefined;
let virtualizeLoading: Promise<unknown> | undefined;

/** The virtualizer (17 KB) loads only for a library long enough to need it. */
function loadVirtualizer(): Promise<unknown> {
  virtualizeLoading ??= import('@lit-labs/virtualizer/virtualize.js').then((module) => (virtualize = module.virtualize));
  return virtualizeLoading;
}
const BACKUP_REMINDER_AFTER = 25;

/**
 * Every summary, kept between visits to the library screen: summaries change only when the
 * library does (an import, a sync, a deletion), which drops them. Reading states (read, starred,
 * collections) change as one reads, so they are read afresh each time.
 */
let keptSummaries: Promise<ArticleSummary[]> | undefined;
onLibraryChanged(() => (keptSummaries = undefined));

function summariesOf(fresh: boolean): Promise<ArticleSummary[]> {
  if (fresh || !keptSummaries) {
    keptSummaries = allSummaries().catch((error: unknown) => {
      keptSummaries = undefined;
      throw error;
    });
  }
  return keptSummaries;
}

/** The library: every stored article, searchable and filterable, with what the reader did with it. */
@customElement('pamphlet-library')
@localized()
export class PamphletLibrary extends LitElement {
  static override styles = [sharedStyles, libraryStyles];

  @state() private _all: LibraryEntry[] = [];
  @state() private _facets: Facets = NO_FACETS;
  @state() private _shown: LibraryEntry[] = [];
  @state() private _total = 0;
  /** Articles the reader deleted (listed under "Recently deleted"). */
  @state() private _deleted = 0;
  @state() private _filters: LibraryFilters = NO_FILTERS;
  @state() private _hits?: SearchResult;
  @state() private _selected = new Set<string>();
  private _loadGeneration = 0;
  private _highlight?: typeof import('../library/highlight.ts').highlight;
  @state() private _loading = true;
  @state() private _problem = '';
  @state() private _notice = '';
  @state() private _deletion?: Deletion;
  @state() private _unbackedUp = 0;
  private _painted = false;
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Library · Pamphlet');
    performance.mark(LIBRARY_STARTED);
    forgetFirstScreen();
    void readFirstScreen().then((snapshot) => {
      // Shown unless the library's own reading was quicker.
      if (!snapshot || !this._loading) return;
      this._all = this._shown = snapshot.entries;
      this._total = snapshot.total;
      this._facets = snapshot.facets;
      this._loading = false;
    });
    this._unsubscribe = onLibraryChanged(() => void this._loadAll(true));
    void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  /**
   * Never rendered while out of the page: the list's virtualizer, made in a render after the
   * reader has moved on (the rest of the library arrives late), would listen to the window for
   * ever and keep every entry alive (lit/lit#5314).
   */
  protected override shouldUpdate(): boolean {
    return this.isConnected;
  }

  protected override updated(): void {
    if (!this._loading && !this._painted) {
      this._painted = true;
      // The moment the library first reached the screen (after the frame that paints it).
      requestAnimationFrame(() =>
        setTimeout(() => {
          performance.mark(LIBRARY_PAINTED);
          firstScreenPainted();
        }),
      );
    }
  }

  /** The first screen from the newest entries alone, then everything, for the filters and the list. */
  private async _load(): Promise<void> {
    try {
      await loadSamplesOnFirstStart().catch(async (error: unknown) => {
        const reason = await describeError(error);
        this._problem = msg(str`The built-in sample could not be added: ${reason}`);
      });
      if (keptSummaries) {
        // Back from reading: the whole list is at hand already.
        await this._loadAll(false);
        this._loading = false;
        await this._checkBackup();
        return;
      }
      const [first, total, trusted] = await Promise.all([listSummaries(FIRST_SCREEN_ENTRIES), countArticles(), trustedKeys()]);
      const readings = await readingStatesOf(first.map((summary) => summary.id));
      this._total = total;
      this._all = entriesOf(first, readings, trusted);
      this._shown = this._all;
      // With more to come, the choices kept from last time stand until the rest is in.
      if (total === first.length || this._facets === NO_FACETS) this._facets = facetsOf(this._all);
      this._loading = false;
      saveFirstScreen(this._all, total, this._facets);
      await this.updateComplete;
      requestAnimationFrame(() => setTimeout(() => performance.mark(LIBRARY_CONFIRMED)));
      // The rest (thousands of entries, for the filters and the whole list) once the first screen is up.
      if (total >= VIRTUALIZE_FROM) void loadVirtualizer();
      if (total > first.length) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      if (total > first.length && this.isConnected) await this._loadAll(false);
      await this._checkBackup();
    } catch (error) {
      const reason = await describeError(error);
      this._problem = msg(str`The library could not be opened: ${reason}`);
      this._loading = false;
    }
  }

  /** A reminder to back up once enough articles are in no backup; and how many were deleted. */
  private async _checkBackup(): Promise<void> {
    this._deleted = await countDeleted();
    const { lastBackupArticles } = await getSettings();
    const unbackedUp = this._total - lastBackupArticles;
    this._unbackedUp = unbackedUp >= BACKUP_REMINDER_AFTER ? unbackedUp : 0;
  }

  /**
   * Everything, read again. The list, its count and its filters change in one render, as soon as
   * the entries are read: a list left showing deleted entries while the search index catches up
   * would move under the reader's finger. A load overtaken by a newer one leaves the list to it
   * (it still brings the search index up to date).
   */
  private async _loadAll(changed: boolean): Promise<void> {
    const generation = ++this._loadGeneration;
    const [summaries, readings, trusted] = await Promise.all([summariesOf(changed), allReadingStates(), trustedKeys()]);
    if (generation === this._loadGeneration) {
      this._all = entriesOf(summaries, readings, trusted);
      this._total = summaries.length;
      this._facets = facetsOf(this._all);
      saveFirstScreen(this._all, this._total, this._facets);
      this._apply();
    }
    if (changed) {
      await this._checkBackup();
      const { refreshIndex } = await import('../search/search-client.ts');
      await refreshIndex().catch(() => undefined);
      if (this._filters.query) {
        await this._search();
        this._apply();
      }
    }
  }

  private _apply(): void {
    this._shown = applyFilters(this._all, this._filters, this._filters.query ? this._hits : undefined);
  }

  private async _search(): Promise<void> {
    const query = this._filters.query;
    if (!query) {
      this._hits = undefined;
      return;
    }
    // Highlighting comes with the search: a list without a query needs neither.
    const [{ search }, { highlight }] = await Promise.all([import('../search/search-client.ts'), import('../library/highlight.ts')]);
    this._highlight = highlight;
    const { result } = await search(query);
    if (query === this._filters.query) this._hits = result;
  }

  private async _onFilters(event: FiltersChangedEvent): Promise<void> {
    const queryChanged = event.filters.query !== this._filters.query;
    this._filters = event.filters;
    if (queryChanged) performance.mark(SEARCH_STARTED);
    if (queryChanged) await this._search();
    this._apply();
    if (queryChanged) {
      await this.updateComplete;
      requestAnimationFrame(() => setTimeout(() => performance.mark(SEARCH_SHOWN)));
    }
  }

  private _onSelect = (entry: LibraryEntry, selected: boolean): void => {
    const next = new Set(this._selected);
    if (selected) next.add(entry.id);
    else next.delete(entry.id);
    this._selected = next;
  };

  private _onStar = async (entry: LibraryEntry): Promise<void> => {
    await setStarred([entry.id], !entry.starred);
    await this._loadAll(false);
  };

  private async _onAction(event: LibraryActionEvent): Promise<void> {
    const ids = [...this._selected];
    const { action, tag } = event;
    this._notice = '';
    if (action === 'read' || action === 'unread') await setRead(ids, action === 'read');
    else if (action === 'star') await setStarred(ids, true);
    else if (action === 'unstar') await setStarred(ids, false);
    else if (action === 'tag' && tag) await setTag(ids, tag);
    else if (action === 'clear') this._selected = new Set();
    else if (action === 'nearby') {
      // The Nearby screen's code loads when it opens; the choice waits for it in a tiny module.
      chooseForNearby(ids);
      navigate('/nearby');
      return;
    } else if (action === 'delete') {
      this._deletion = await deleteArticles(ids);
      this._selected = new Set();
      const articles = articleCount(ids.length);
      this._notice = msg(str`Deleted ${articles}.`);
      await this._loadAll(true);
      return;
    }
    await this._loadAll(false);
  }

  private async _onUndo(): Promise<void> {
    const deletion = this._deletion;
    if (!deletion) return;
    this._deletion = undefined;
    await undoDeletion(deletion);
    const articles = articleCount(deletion.articles.length);
    this._notice = deletion.articles.length === 1 ? msg('The article is back.') : msg(str`${articles} are back.`);
    await this._loadAll(true);
  }

  private async _onBackUp(): Promise<void> {
    try {
      const [{ backUpLibrary }, { saveFile }] = await Promise.all([
        import('../backup/library-backup.ts'),
        import('../export/export-articles.ts'),
      ]);
      saveFile(await backUpLibrary());
      this._unbackedUp = 0;
    } catch (error) {
      const reason = await describeError(error);
      this._problem = msg(str`The backup failed: ${reason}`);
    }
  }

  private _list() {
    const entries = this._shown;
    const terms = this._filters.query ? this._hits?.terms : undefined;
    const highlighter = this._highlight;
    const highlight = terms && highlighter ? (text: string) => highlighter(text, terms) : undefined;
    const item = (entry: LibraryEntry, index: number) =>
      libraryItem(entry, {
        selected: this._selected.has(entry.id),
        onSelect: this._onSelect,
        onStar: this._onStar,
        position: index + 1,
        size: entries.length,
        highlight,
      });
    if (entries.length === 0) return html`<p>${this._total === 0 ? msg('Your library is empty.') : msg('No article matches.')}</p>`;
    if (entries.length < VIRTUALIZE_FROM) return html`<ul aria-label=${msg('Library')}>${entries.map(item)}</ul>`;
    // A list of its own for the virtualizer, which takes over its element's children for good.
    if (virtualize)
      return html`<ul aria-label=${msg('Library')}>${virtualize({ items: entries, renderItem: item, keyFunction: (entry) => entry.id })}</ul>`;
    void loadVirtualizer().then(() => this.requestUpdate());
    return html`<ul aria-label=${msg('Library')}>${entries.slice(0, FIRST_SCREEN_ENTRIES).map(item)}</ul>`;
  }

  /** Only when there is something to remind of: formatting a count costs a first screen 20 ms of Intl data. */
  private _backupReminder() {
    const unbackedUp = articleCount(this._unbackedUp);
    return html`<p class="reminder" role="status">
      ${msg(str`${unbackedUp} are in no backup yet. A backup keeps them if this browser loses its data, and moves them to another phone or mirror.`)}
      <button class="secondary" @click=${this._onBackUp}>${msg('Back up library')}</button>
    </p>`;
  }

  override render() {
    const facets = this._facets;
    const count = articleCount(this._total);
    // "12 of 10,000" only when filters choose: the first screen shows a dozen of all of them.
    const { sort: _sort, ...choices } = this._filters;
    const filtering = Object.entries(choices).some(([name, value]) => value !== NO_FILTERS[name as keyof typeof choices]);
    const shown = filtering ? formatNumber(this._shown.length) : '';
    const showing = !filtering || this._shown.length === this._total ? count : msg(str`${shown} of ${count}`);
    return html`
      <h1>${msg('Library')}</h1>
      ${this._unbackedUp > 0 ? this._backupReminder() : nothing}
      <pamphlet-library-toolbar
        .selected=${[...this._selected]}
        .total=${this._total}
        @pamphlet-library-action=${this._onAction}
      ></pamphlet-library-toolbar>
      ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}
      <div role="status" class="notice">
        ${this._notice ? html`${this._notice} ${this._deletion ? html`<button class="secondary" @click=${this._onUndo}>${msg('Undo')}</button>` : nothing}` : nothing}
      </div>
      ${
        this._loading
          ? html`<p class="muted" role="status">${msg('Opening the library…')}</p>`
          : html`${
              this._total > 1
                ? html`<pamphlet-library-filters
                  .filters=${this._filters}
                  .sources=${facets.sources}
                  .langs=${facets.langs}
                  .tags=${facets.tags}
                  @pamphlet-filters-changed=${this._onFilters}
                ></pamphlet-library-filters>`
                : nothing
            }
            <p class="count muted">${showing}</p>
            ${this._list()}
            ${this._deleted > 0 ? html`<p class="muted"><a href="/deleted">${msg(str`Recently deleted (${formatNumber(this._deleted)})`)}</a></p>` : nothing}`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-library': PamphletLibrary;
  }
}
