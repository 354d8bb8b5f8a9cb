import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { withDiscreet } from '../discreet/discreet-mode.ts';
import { articleCount, cacheCount, databaseCount, fileCount, serviceWorkerCount, storageItemCount } from '../l10n/counts.ts';
import type { WipeReport } from '../wipe/wipe-report.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * What the app shows after a wipe, and on reloads of it: that nothing is stored, and what went.
 * It opens no storage at all, so it adds nothing back (not even the built-in sample) until the
 * reader chooses to start again.
 */
@customElement('pamphlet-wiped')
@localized()
export class PamphletWiped extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 36rem;
        margin: 2rem auto;
        padding: 0 1rem;
      }
    `,
  ];

  @property({ attribute: false }) report: Partial<WipeReport> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Nothing stored', { desc: 'The document title after a wipe' });
    // The server's Clear-Site-Data, if the wipe was made offline: asked again once the network is back.
    window.addEventListener('online', () => void import('../wipe/clear-site-data.ts').then(({ askServerToClear }) => askServerToClear()), {
      once: true,
    });
  }

  private _removed(): string {
    const report = this.report;
    if (report.databases === undefined) return msg('Everything this app kept in this browser was removed.');
    const articles = report.articles === undefined ? undefined : articleCount(report.articles);
    const caches = cacheCount(report.caches ?? 0);
    const parts = [
      articles === undefined
        ? msg('the library')
        : msg(str`the library (${articles}, with images, reading state, sources, trusted publishers and settings)`),
      databaseCount(report.databases),
      msg(str`${caches} (the offline copy of the app)`),
      serviceWorkerCount(report.serviceWorkers ?? 0),
      storageItemCount(report.localItems ?? 0),
      fileCount(report.files ?? 0),
    ];
    const removed = parts.join(msg(', ', { id: 'list-separator' }));
    return msg(str`Removed: ${removed}.`);
  }

  private _onStart(): void {
    location.replace(withDiscreet('/'));
  }

  override render() {
    return html`<h1>${msg('Nothing is stored here')}</h1>
      <p>${this._removed()}</p>
      <p class="muted">${msg('The browser’s own history and cache are the browser’s: clear them in its settings if you need to.')}</p>
      <button @click=${this._onStart}>${msg('Start again')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-wiped': PamphletWiped;
  }
}
