import type { PamphletShareDialog } from './pamphlet-share-dialog.ts';

/**
 * The Share button's action, for any screen: the system share sheet when the browser has one for
 * files, else (and always when `dialog` is asked for) the dialog with the other ways. The share
 * code (QR encoder included) loads on first use.
 */
export async function share(host: HTMLElement, articleIds: string[], heading: string, { dialog = false } = {}): Promise<void> {
  const module = await import('./pamphlet-share-dialog.ts');
  if (!dialog) {
    const { exportArticles } = await import('../export/export-articles.ts');
    const file = await exportArticles(articleIds);
    if (module.canShareFile(file)) {
      await module.shareWithSystem(file, heading);
      return;
    }
  }
  let element = host.shadowRoot?.querySelector<PamphletShareDialog>('pamphlet-share-dialog') ?? undefined;
  if (!element) {
    element = document.createElement('pamphlet-share-dialog');
    (host.shadowRoot ?? host).append(element);
  }
  element.articleIds = articleIds;
  element.heading = heading;
  await element.open();
}
