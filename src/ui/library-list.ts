import { msg } from '@lit/localize';
import { html } from 'lit';
import { FIRST_SCREEN_ENTRIES } from '../library/first-screen.ts';
import type { LibraryEntry } from '../library/library-entries.ts';
import { libraryItem, type ItemActions } from './library-item.ts';

/** Longer lists render only what is on screen, so that 10,000 entries scroll as smoothly as 10. */
export const VIRTUALIZE_FROM = 150;

type Virtualize = typeof import('@lit-labs/virtualizer/virtualize.js').virtualize;
let virtualize: Virtualize | undefined;
let virtualizeLoading: Promise<unknown> | undefined;

/** The virtualizer (17 KB) loads only for a library long enough to need it. */
export function loadVirtualizer(): Promise<unknown> {
  virtualizeLoading ??= import('@lit-labs/virtualizer/virtualize.js').then((module) => (virtualize = module.virtualize));
  return virtualizeLoading;
}

export interface ListOptions extends Pick<ItemActions, 'onSelect' | 'onStar' | 'highlight'> {
  /** How many articles the library holds, to tell an empty library from a search that found nothing. */
  total: number;
  isSelected: (entry: LibraryEntry) => boolean;
  /** The list is drawn again once the virtualizer has loaded. */
  onVirtualizerLoaded: () => void;
}

/** The library's list of entries, virtualized when long. */
export function libraryList(entries: LibraryEntry[], options: ListOptions) {
  const item = (entry: LibraryEntry, index: number) =>
    libraryItem(entry, {
      selected: options.isSelected(entry),
      onSelect: options.onSelect,
      onStar: options.onStar,
      position: index + 1,
      size: entries.length,
      highlight: options.highlight,
    });
  if (entries.length === 0) return html`<p>${options.total === 0 ? msg('Your library is empty.') : msg('No article matches.')}</p>`;
  if (entries.length < VIRTUALIZE_FROM) return html`<ul aria-label=${msg('Library')}>${entries.map(item)}</ul>`;
  // A list of its own for the virtualizer, which takes over its element's children for good.
  if (virtualize)
    return html`<ul aria-label=${msg('Library')}>${virtualize({ items: entries, renderItem: item, keyFunction: (entry) => entry.id })}</ul>`;
  void loadVirtualizer().then(() => options.onVirtualizerLoaded());
  return html`<ul aria-label=${msg('Library')}>${entries.slice(0, FIRST_SCREEN_ENTRIES).map(item)}</ul>`;
}
