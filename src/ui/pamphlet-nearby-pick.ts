import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { NearbyPickEvent } from './element-events.ts';
import { articleCount } from '../l10n/counts.ts';
import { chosenForNearby } from '../nearby/nearby-choice.ts';
import { allArticleIds } from '../browser/storage/articles.ts';
import { allReadingStates } from '../browser/storage/reading.ts';
import { assertNever } from '../shared/assert-never.ts';
import { sharedStyles } from './shared-styles.ts';

type Which = 'selected' | 'collection' | 'library';

/** What to send: the library's selection, one collection, or the whole library. */
@customElement('pamphlet-nearby-pick')
@localized()
export class PamphletNearbyPick extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      fieldset {
        border: 1px solid var(--border);
        border-radius: 8px;
        padding: 0.5rem 1rem 1rem;
        margin: 0 0 0.75rem;
      }
      label {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: 44px;
      }
    `,
  ];

  @state() private _which: Which = chosenForNearby().length > 0 ? 'selected' : 'library';
  @state() private _collections = new Map<string, string[]>();
  @state() private _collection = '';
  @state() private _libraryIds: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    const [ids, states] = await Promise.all([allArticleIds(), allReadingStates()]);
    const collections = new Map<string, string[]>();
    for (const state of states.values())
      for (const tag of state.tags ?? []) collections.set(tag, [...(collections.get(tag) ?? []), state.articleId]);
    this._libraryIds = ids;
    this._collections = new Map([...collections].sort(([a], [b]) => a.localeCompare(b)));
    this._collection ||= [...this._collections.keys()][0] ?? '';
  }

  private _ids(): readonly string[] {
    switch (this._which) {
      case 'selected':
        return chosenForNearby();
      case 'collection':
        return this._collections.get(this._collection) ?? [];
      case 'library':
        return this._libraryIds;
      default:
        return assertNever(this._which);
    }
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const ids = this._ids();
    if (ids.length > 0) this.dispatchEvent(new NearbyPickEvent(ids));
  }

  private _option(which: Which, label: string) {
    return html`<label><input type="radio" name="which" .checked=${this._which === which} @change=${() => (this._which = which)} />${label}</label>`;
  }

  override render() {
    const selected = articleCount(chosenForNearby().length);
    const library = articleCount(this._libraryIds.length);
    const count = this._ids().length;
    return html`<form @submit=${this._onSubmit}>
      <fieldset>
        <legend>${msg('What to send')}</legend>
        ${chosenForNearby().length > 0 ? this._option('selected', msg(str`The articles selected in the library (${selected})`)) : nothing}
        ${this._collections.size > 0 ? this._option('collection', msg('A collection')) : nothing}
        ${
          this._which === 'collection'
            ? html`<label
              >${msg('Collection')}
              <select @change=${(event: Event) => (this._collection = (event.target as HTMLSelectElement).value)}>
                ${[...this._collections].map(([tag, ids]) => html`<option value=${tag} ?selected=${tag === this._collection}>${tag} (${articleCount(ids.length)})</option>`)}
              </select></label
            >`
            : nothing
        }
        ${this._option('library', msg(str`The whole library (${library})`))}
      </fieldset>
      <button type="submit" ?disabled=${count === 0}>${msg('Show the code')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-nearby-pick': PamphletNearbyPick;
  }
}
