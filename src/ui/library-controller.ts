import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { firstScreenPainted } from '../app/after-first-paint.ts';
import { LIBRARY_CONFIRMED, LIBRARY_PAINTED, LIBRARY_STARTED, SEARCH_SHOWN, SEARCH_STARTED } from '../app/performance-marks.ts';
import { onLibraryChanged } from '../browser/library-changes.ts';
import { allSummaries, countArticles, listSummaries } from '../browser/storage/articles.ts';
import { countDeleted } from '../browser/storage/deleted.ts';
import { allReadingStates, readingStatesOf } from '../browser/storage/reading.ts';
import { getSettings } from '../browser/storage/settings.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';
import { describeError } from '../l10n/describe-error.ts';
import { FIRST_SCREEN_ENTRIES, forgetFirstScreen, readFirstScreen, saveFirstScreen } from '../library/first-screen.ts';
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
import { loadSamplesOnFirstStart } from '../library/samples.ts';
import type { ArticleSummary } from '../shared/db-schema.ts';
import type { SearchResult } from '../shared/search/search-index.ts';
import { loadVirtualizer, VIRTUALIZE_FROM } from './library-list.ts';

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

/** After the frame that paints what the last update rendered. */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => setTimeout(then));
}

/**
 * What the library screen lists, kept out of the screen itself: the entries (the first screen's
 * newest at once, then all of them), the filters and search that choose among them, and the
 * reminder to back up. The screen renders them and acts on the reader's selection.
 */
export class LibraryController implements ReactiveController {
  all: LibraryEntry[] = [];
  facets: Facets = NO_FACETS;
  /** The entries the filters and the search leave. */
  shown: LibraryEntry[] = [];
  total = 0;
  /** Articles the reader deleted (listed under "Recently deleted"). */
  deleted = 0;
  filters: LibraryFilters = NO_FILTERS;
  hits?: SearchResult;
  highlight?: typeof import('../library/highlight.ts').highlight;
  loading = true;
  problem = '';
  /** How many articles are in no backup, once there are enough to remind of; 0 otherwise. */
  unbackedUp = 0;
  private _loadGeneration = 0;
  private _painted = false;
  private _unsubscribe?: () => void;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    performance.mark(LIBRARY_STARTED);
    forgetFirstScreen();
    void readFirstScreen().then((snapshot) => {
      // Shown unless the library's own reading was quicker.
      if (!snapshot || !this.loading) return;
      this.all = this.shown = snapshot.entries;
      this.total = snapshot.total;
      this.facets = snapshot.facets;
      this.loading = false;
      this.host.requestUpdate();
    });
    this._unsubscribe = onLibraryChanged(() => void this.loadAll(true));
    void this._load();
  }

  hostDisconnected(): void {
    this._unsubscribe?.();
  }

  hostUpdated(): void {
    if (!this.loading && !this._painted) {
      this._painted = true;
      // The moment the library first reached the screen.
      afterPaint(() => {
        performance.mark(LIBRARY_PAINTED);
        firstScreenPainted();
      });
    }
  }

  /** The first screen from the newest entries alone, then everything, for the filters and the list. */
  private async _load(): Promise<void> {
    try {
      await loadSamplesOnFirstStart().catch(async (error: unknown) => {
        const reason = await describeError(error);
        this._showProblem(msg(str`The built-in sample could not be added: ${reason}`));
      });
      if (keptSummaries) {
        // Back from reading: the whole list is at hand already.
        await this.loadAll(false);
        this.loading = false;
        this.host.requestUpdate();
        await this._checkBackup();
        return;
      }
      const [first, total, trusted] = await Promise.all([listSummaries(FIRST_SCREEN_ENTRIES), countArticles(), trustedKeys()]);
      const readings = await readingStatesOf(first.map((summary) => summary.id));
      this.total = total;
      this.all = entriesOf(first, readings, trusted);
      this.shown = this.all;
      // With more to come, the choices kept from last time stand until the rest is in.
      if (total === first.length || this.facets === NO_FACETS) this.facets = facetsOf(this.all);
      this.loading = false;
      this.host.requestUpdate();
      saveFirstScreen(this.all, total, this.facets);
      await this.host.updateComplete;
      afterPaint(() => performance.mark(LIBRARY_CONFIRMED));
      // The rest (thousands of entries, for the filters and the whole list) once the first screen is up.
      if (total >= VIRTUALIZE_FROM) void loadVirtualizer();
      if (total > first.length) await new Promise((resolve) => afterPaint(() => resolve(undefined)));
      if (total > first.length && this.host.isConnected) await this.loadAll(false);
      await this._checkBackup();
    } catch (error) {
      const reason = await describeError(error);
      this.loading = false;
      this._showProblem(msg(str`The library could not be opened: ${reason}`));
    }
  }

  /** A reminder to back up once enough articles are in no backup; and how many were deleted. */
  private async _checkBackup(): Promise<void> {
    this.deleted = await countDeleted();
    const { lastBackupArticles } = await getSettings();
    const unbackedUp = this.total - lastBackupArticles;
    this.unbackedUp = unbackedUp >= BACKUP_REMINDER_AFTER ? unbackedUp : 0;
    this.host.requestUpdate();
  }

  /**
   * Everything, read again (`changed`: the articles themselves changed, not only what the reader
   * did with them). The list, its count and its filters change in one render, as soon as the
   * entries are read: a list left showing deleted entries while the search index catches up would
   * move under the reader's finger. A load overtaken by a newer one leaves the list to it (it
   * still brings the search index up to date).
   */
  async loadAll(changed: boolean): Promise<void> {
    const generation = ++this._loadGeneration;
    const [summaries, readings, trusted] = await Promise.all([summariesOf(changed), allReadingStates(), trustedKeys()]);
    if (generation === this._loadGeneration) {
      this.all = entriesOf(summaries, readings, trusted);
      this.total = summaries.length;
      this.facets = facetsOf(this.all);
      saveFirstScreen(this.all, this.total, this.facets);
      this._apply();
    }
    if (changed) {
      await this._checkBackup();
      const { refreshIndex } = await import('../search/search-client.ts');
      await refreshIndex().catch(() => undefined);
      if (this.filters.query) {
        await this._search();
        this._apply();
      }
    }
  }

  /** The reader's new search or filters. */
  async filter(filters: LibraryFilters): Promise<void> {
    const queryChanged = filters.query !== this.filters.query;
    this.filters = filters;
    this.host.requestUpdate();
    if (queryChanged) performance.mark(SEARCH_STARTED);
    if (queryChanged) await this._search();
    this._apply();
    if (queryChanged) {
      await this.host.updateComplete;
      afterPaint(() => performance.mark(SEARCH_SHOWN));
    }
  }

  /** The whole library into one file; the reminder goes once it is saved. */
  async backUp(): Promise<void> {
    try {
      const [{ backUpLibrary }, { saveFile }] = await Promise.all([
        import('../backup/library-backup.ts'),
        import('../export/export-articles.ts'),
      ]);
      saveFile(await backUpLibrary());
      this.unbackedUp = 0;
      this.host.requestUpdate();
    } catch (error) {
      const reason = await describeError(error);
      this._showProblem(msg(str`The backup failed: ${reason}`));
    }
  }

  private _showProblem(problem: string): void {
    this.problem = problem;
    this.host.requestUpdate();
  }

  private _apply(): void {
    this.shown = applyFilters(this.all, this.filters, this.filters.query ? this.hits : undefined);
    this.host.requestUpdate();
  }

  private async _search(): Promise<void> {
    const query = this.filters.query;
    if (!query) {
      this.hits = undefined;
      return;
    }
    // Highlighting comes with the search: a list without a query needs neither.
    const [{ search }, { highlight }] = await Promise.all([import('../search/search-client.ts'), import('../library/highlight.ts')]);
    this.highlight = highlight;
    const { result } = await search(query);
    if (query === this.filters.query) this.hits = result;
  }
}
