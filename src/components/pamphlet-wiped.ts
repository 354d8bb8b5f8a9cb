import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { withDiscreet } from '../discreet/discreet-mode.ts';
import type { WipeReport } from '../wipe/wipe-everything.ts';
import { sharedStyles } from './shared-styles.ts';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What the app shows after a wipe, and on reloads of it: that nothing is stored, and what went.
 * It opens no storage at all, so it adds nothing back (not even the built-in sample) until the
 * reader chooses to start again.
 */
@customElement('pamphlet-wiped')
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
    document.title = 'Nothing stored';
  }

  private _removed(): string {
    const report = this.report;
    if (report.databases === undefined) return 'Everything this app kept in this browser was removed.';
    const parts = [
      report.articles !== undefined ? `the library (${plural(report.articles, 'article', 'articles')}, with images, reading state, sources, trusted publishers and settings)` : 'the library',
      `${plural(report.databases, 'database', 'databases')}`,
      `${plural(report.caches ?? 0, 'cache', 'caches')} (the offline copy of the app)`,
      `${plural(report.serviceWorkers ?? 0, 'service worker', 'service workers')}`,
      `${plural(report.localItems ?? 0, 'item', 'items')} of local storage`,
      `${plural(report.files ?? 0, 'file', 'files')}`,
    ];
    return `Removed: ${parts.join(', ')}.`;
  }

  private _onStart(): void {
    location.replace(withDiscreet('/'));
  }

  override render() {
    return html`<h1>Nothing is stored here</h1>
      <p>${this._removed()}</p>
      <p class="muted">The browser’s own history and cache are the browser’s: clear them in its settings if you need to.</p>
      <button @click=${this._onStart}>Start again</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-wiped': PamphletWiped;
  }
}
