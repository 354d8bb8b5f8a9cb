import { articleAddress } from '../library/article-address.ts';
import { isScreenAddress, navigate } from '../app/router.ts';

/** In-app links change the route without a page load; everything else is left to the browser. */
export function followInAppLink(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.composedPath().find((target): target is HTMLAnchorElement => target instanceof HTMLAnchorElement);
  if (!anchor || anchor.target || anchor.hasAttribute('download') || !isScreenAddress(anchor.href)) return;
  if (anchor.dataset.external !== undefined) return;
  event.preventDefault();
  // An article's link names it by id only in the page: the address the browser keeps is a token.
  const article = anchor.dataset.article;
  if (article) void articleAddress(article).then((path) => navigate(path));
  else if (anchor.href !== location.href) navigate(anchor.href);
}
