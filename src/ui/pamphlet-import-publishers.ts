import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mirrorCount } from '../l10n/counts.ts';
import type { PublisherOutcome } from '../publishers/take-publishers.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-follow-offer.ts';

/**
 * The way home an imported bundle carried, in its import report: a publisher to follow, a followed source whose mirrors it renewed, or publisher details it ignored, and why.
 */
@customElement('pamphlet-import-publishers')
@localized()
export class PamphletImportPublishers extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ul {
        margin: 0.25rem 0 0.75rem;
        padding-inline-start: 1.25rem;
      }
      li {
        margin: 0.35rem 0;
        line-height: 1.45;
      }
      .error {
        color: var(--refused);
      }
    `,
  ];

  @property({ attribute: false }) outcomes: PublisherOutcome[] = [];
  private _outcome(outcome: PublisherOutcome) {
    switch (outcome.kind) {
      case 'current':
        return nothing;
      case 'updated': {
        const mirrors = mirrorCount(outcome.mirrors);
        return html`<li>${msg(html`<bdi>${outcome.name}</bdi>: newer publisher details came with it; you now sync from its ${mirrors}.`)}</li>`;
      }
      case 'ignored':
        return html`<li class="error">${msg(html`Publisher details for <bdi>${outcome.name}</bdi> ignored: ${outcome.reason}`)}</li>`;
      case 'offer':
        return html`<li><pamphlet-follow-offer .descriptor=${outcome.descriptor} fingerprint=${outcome.fingerprint}></pamphlet-follow-offer></li>`;
    }
  }

  override render() {
    const shown = this.outcomes.filter((outcome) => outcome.kind !== 'current');
    if (shown.length === 0) return nothing;
    return html`<ul aria-label=${msg('Publishers')}>
      ${shown.map((outcome) => this._outcome(outcome))}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-import-publishers': PamphletImportPublishers;
  }
}
