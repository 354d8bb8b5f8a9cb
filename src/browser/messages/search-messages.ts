import type { VaultKeys } from '../../shared/crypto/vault-keys.ts';
import type { Note } from '../../shared/note.ts';
import type { SearchResult } from '../../shared/search/search-index.ts';

/** What the page asks the search worker, and what it answers: one typed pair. */
export type SearchRequest =
  | { id: number; type: 'search'; query: string }
  /** Index what the library gained or changed, and forget what it lost. */
  | { id: number; type: 'refresh' }
  /** With the library lock on: the keys to read the library with (CryptoKeys cross as they are). */
  | { id: number; type: 'unlock'; keys: VaultKeys };

export type SearchReply =
  | { id: number; type: 'hits'; result: SearchResult; ms: number }
  | { id: number; type: 'refreshed'; documents: number; added: number; removed: number }
  | { id: number; type: 'unlocked' }
  /** `note` when the error has one (the library is locked, say), for the page to word. */
  | { id: number; type: 'error'; message: string; note?: Note };
