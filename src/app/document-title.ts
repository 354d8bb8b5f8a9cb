import { msg, str } from '@lit/localize';
import { lockHinted } from '../lock/lock-hint.ts';

/**
 * The document's title while an article is open. With the library lock on, it does not name the
 * article: the browser keeps titles in its history, and shows them in the task switcher, outside
 * the lock's reach.
 */
export function articleDocumentTitle(title: string): string {
  return lockHinted() ? msg('Article · Pamphlet') : msg(str`${title} · Pamphlet`);
}
