import { inApp } from '../browser/app-folder.ts';
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { languageName } from '../l10n/format.ts';
import type { LibraryEntry } from '../library/library-entries.ts';
import type { Verdict } from '../shared/verdict.ts';
import { articleDates } from './article-dates.ts';
import './pamphlet-verdict.ts';

export interface ItemActions {
  selected: boolean;
  onSelect: (entry: LibraryEntry, selected: boolean) => void;
  onStar: (entry: LibraryEntry) => void;
  /** Position in the whole list, for screen readers when only part of it is on the page. */
  position: number;
  size: number;
  /** Splits a text into plain and matching pieces, when the list shows search hits. */
  highlight?: (text: string) => Array<{ text: string; mark: boolean }>;
}

function marked(text: string, highlight: ItemActions['highlight']) {
  if (!highlight) return text;
  return highlight(text).map((piece) => (piece.mark ? html`<mark>${piece.text}</mark>` : piece.text));
}

function verdictOf(entry: LibraryEntry): Verdict {
  if (entry.verdict === 'verified') return { kind: 'verified', key: entry.signerKey ?? '', publisherName: entry.trustedName ?? '' };
  if (entry.verdict === 'unknown') return { kind: 'unknown', key: entry.signerKey ?? '', fingerprint: '' };
  return { kind: 'unsigned' };
}

/** The article's language by name; nothing for one the page did not give. */
function languageSpan(tag: string) {
  const name = languageName(tag);
  return name === undefined ? nothing : html`<span>${name}</span>`;
}

/**
 * One library entry, as a list item: a template rather than an element of its own, so that the
 * list's items are the list's children and screen readers hear a list. Its words follow the
 * language of the library element that renders it.
 */
export function libraryItem(entry: LibraryEntry, actions: ItemActions) {
  const title = entry.title;
  // The checkbox sits in a label of a finger's size: the box itself is drawn at the text's size.
  return html`<li class=${entry.read ? 'read' : 'unread'} aria-setsize=${actions.size} aria-posinset=${actions.position}>
    <label class="pick"
      ><input
        type="checkbox"
        aria-label=${msg(str`Select “${title}”`)}
        .checked=${live(actions.selected)}
        @change=${(event: Event) => actions.onSelect(entry, (event.target as HTMLInputElement).checked)}
    /></label>
    <div class="text">
      <h2><a href=${inApp('./?read')} data-article=${entry.id} lang=${entry.lang} dir=${entry.dir}>${marked(entry.title, actions.highlight)}</a></h2>
      <p class="meta muted">
        <pamphlet-verdict .verdict=${verdictOf(entry)}></pamphlet-verdict>
        <span>${entry.publisherName}</span>
        ${articleDates(entry)}
        ${languageSpan(entry.lang)}
        <span class=${entry.read ? '' : 'state-unread'}>${entry.read ? msg('Read', { id: 'state-read', desc: 'An article the reader has read (a state, not a verb)' }) : msg('Unread')}</span>
        ${entry.tags.length > 0 ? html`<span>${entry.tags.join(msg(', ', { id: 'list-separator' }))}</span>` : nothing}
      </p>
      <p class="excerpt" lang=${entry.lang} dir=${entry.dir}>${marked(entry.summary, actions.highlight)}</p>
    </div>
    <button
      class="star"
      aria-pressed=${entry.starred ? 'true' : 'false'}
      aria-label=${msg(str`Star “${title}”`)}
      title=${entry.starred ? msg('Starred') : msg('Star')}
      @click=${() => actions.onStar(entry)}
    >
      ${entry.starred ? '★' : '☆'}
    </button>
  </li>`;
}
