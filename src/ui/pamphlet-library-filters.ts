import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement } from 'lit/decorators/custom-element.js';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { FiltersChangedEvent } from './element-events.ts';
import { formatNumber, languageName } from '../l10n/format.ts';
import { NO_FILTERS, type LibraryFilters } from '../library/library-entries.ts';
import { sharedStyles } from './shared-styles.ts';

const SEARCH_DELAY_MS = 150;

/** Search and filters for the library: what the reader types and picks, sent up as one event. */
@customElement('pamphlet-library-filters')
@localized()
export class PamphletLibraryFilters extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin: 0 0 0.75rem;
      }
      .search-row,
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: end;
      }
      .choices {
        margin-top: 0.5rem;
      }
      .search {
        flex: 1 1 12rem;
        display: flex;
        flex-direction: column;
        font-size: 0.875rem;
      }
      .search input {
        font-size: 1rem;
      }
      .filters-toggle {
        display: none;
      }
      /*
       * On a phone the articles come first: the search stays, named by what it shows in the field,
       * and the other filters wait behind a button that says how many are in use. In em, so that a
       * browser's larger text counts as a narrower screen.
       */
      @media (max-width: 40em) {
        .search-label {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
        .filters-toggle {
          display: inline-flex;
          align-items: center;
        }
        .choices:not(.open) {
          display: none;
        }
      }
      label {
        display: inline-flex;
        flex-direction: column;
        font-size: 0.875rem;
      }
      label.check {
        flex-direction: row;
        align-items: center;
        gap: 0.35rem;
        min-height: 44px;
      }
      select {
        max-width: min(12rem, 100%);
      }
    `,
  ];

  @property({ attribute: false }) filters: LibraryFilters = NO_FILTERS;
  @property({ attribute: false }) sources: string[] = [];
  @property({ attribute: false }) langs: string[] = [];
  @property({ attribute: false }) tags: string[] = [];
  /** Whether a phone shows the filters (a wider screen always does). */
  @state() private _open = false;
  private _timer?: ReturnType<typeof setTimeout>;
  /** What the reader has set, including a query still waiting for the typing to pause. */
  private _current: LibraryFilters = NO_FILTERS;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('filters')) this._current = this.filters;
  }

  private _change(change: Partial<LibraryFilters>, delay = 0): void {
    clearTimeout(this._timer);
    this._current = { ...this._current, ...change };
    const send = () => this.dispatchEvent(new FiltersChangedEvent(this._current));
    if (delay > 0) this._timer = setTimeout(send, delay);
    else send();
  }

  private _select(label: string, value: string, options: Array<[string, string]>, key: 'source' | 'lang' | 'verdict' | 'tag') {
    return html`<label
      >${label}
      <select @change=${(event: Event) => this._change({ [key]: (event.target as HTMLSelectElement).value })}>
        ${options.map(([optionValue, text]) => html`<option value=${optionValue} ?selected=${optionValue === value}>${text}</option>`)}
      </select></label
    >`;
  }

  /** The button that shows the filters on a phone, named with how many of them choose. */
  private _toggle(filters: LibraryFilters) {
    const inUse = [filters.source, filters.lang, filters.verdict, filters.tag, filters.unreadOnly, filters.starredOnly].filter(
      Boolean,
    ).length;
    // Only when some are in use: a first Intl formatter on the first screen costs 20 ms of ICU data.
    const count = inUse > 0 ? formatNumber(inUse) : '';
    return html`<button
      type="button"
      class="secondary filters-toggle"
      aria-expanded=${this._open ? 'true' : 'false'}
      aria-controls="filter-choices"
      @click=${() => (this._open = !this._open)}
    >
      ${inUse > 0 ? msg(str`Filters (${count})`) : msg('Filters', { desc: 'The button that shows the library’s filters on a phone' })}
    </button>`;
  }

  override render() {
    const filters = this.filters;
    const searchLabel = msg('Search the library');
    return html`<form role="search" aria-label=${msg('Library search')} @submit=${(event: Event) => event.preventDefault()}>
      <div class="search-row">
        <label class="search"
          ><span class="search-label">${searchLabel}</span>
          <input
            type="search"
            autocomplete="off"
            placeholder=${searchLabel}
            .value=${filters.query}
            @input=${(event: Event) => {
              const query = (event.target as HTMLInputElement).value;
              this._change({ query, sort: query && !this._current.query ? 'relevance' : this._current.sort }, SEARCH_DELAY_MS);
            }}
        /></label>
        ${this._toggle(filters)}
      </div>
      <div id="filter-choices" class=${this._open ? 'choices open' : 'choices'}>
      ${
        filters.query
          ? html`<label
            >${msg('Sort')}
            <select @change=${(event: Event) => this._change({ sort: (event.target as HTMLSelectElement).value as LibraryFilters['sort'] })}>
              <option value="relevance" ?selected=${filters.sort === 'relevance'}>${msg('Best match')}</option>
              <option value="date" ?selected=${filters.sort === 'date'}>${msg('Newest first')}</option>
            </select></label
          >`
          : nothing
      }
      ${
        this.sources.length > 1
          ? this._select(
              msg('Source'),
              filters.source,
              [['', msg('All sources')], ...this.sources.map((source): [string, string] => [source, source])],
              'source',
            )
          : nothing
      }
      ${
        this.langs.length > 1
          ? this._select(
              msg('Language'),
              filters.lang,
              [
                ['', msg('All languages')],
                ...this.langs.map((lang): [string, string] => [lang, languageName(lang) ?? msg('Unknown language')]),
              ],
              'lang',
            )
          : nothing
      }
      ${this._select(
        msg('Verdict'),
        filters.verdict,
        [
          ['', msg('Any verdict')],
          ['verified', msg('Verified')],
          ['unknown', msg('Unknown publisher')],
          ['unsigned', msg('Unsigned')],
        ],
        'verdict',
      )}
      ${
        this.tags.length > 0
          ? this._select(
              msg('Collection'),
              filters.tag,
              [['', msg('All collections')], ...this.tags.map((tag): [string, string] => [tag, tag])],
              'tag',
            )
          : nothing
      }
      <label class="check"
        ><input type="checkbox" .checked=${filters.unreadOnly} @change=${(event: Event) => this._change({ unreadOnly: (event.target as HTMLInputElement).checked })} />
        ${msg('Unread only')}</label
      >
      <label class="check"
        ><input type="checkbox" .checked=${filters.starredOnly} @change=${(event: Event) => this._change({ starredOnly: (event.target as HTMLInputElement).checked })} />
        ${msg('Starred only')}</label
      >
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-library-filters': PamphletLibraryFilters;
  }
}
