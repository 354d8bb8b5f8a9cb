import { navigate } from '../app/router.ts';
import { articleAddress } from '../library/article-address.ts';
import { linkedArticles, type LinkedArticle } from '../library/article-links.ts';

/**
 * Links in an article's body to another article the library holds open that article in the
 * reader, from the library, instead of the web: each such link is marked with the article's id
 * once the body is shown, and a plain click on a marked link is followed in the app. A link to an
 * article not stored, and a click with a modifier (a new tab, a new window), go to the web as
 * before (sanitize-article.ts): in a new tab, without a referrer.
 */
export async function markLinksToStored(body: HTMLElement): Promise<void> {
  const links = [...body.querySelectorAll<HTMLAnchorElement>('a[href]')];
  if (links.length === 0) return;
  const found = await linkedArticles(links.map((link) => link.getAttribute('href') ?? '')).catch(() => new Map<string, LinkedArticle>());
  for (const link of links) {
    const stored = found.get(link.getAttribute('href') ?? '');
    if (!stored) continue;
    link.dataset.article = stored.id;
    // Where the link goes, said as the library names it: not a host it never reaches.
    link.title = stored.title;
    link.querySelector('.link-host')?.remove();
  }
}

/** A click in the article's frame (whose elements are of another window: no `instanceof` here). */
export function followLinkToStored(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-article]');
  const id = link?.dataset.article;
  if (!id) return;
  event.preventDefault();
  void articleAddress(id).then((address) => navigate(address));
}
