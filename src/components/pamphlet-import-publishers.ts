import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mirrorCount } from '../l10n/counts.ts';
import { notifyLibraryChanged } from '../library-events.ts';
import type { PublisherOutcome } from '../publishers/take-publishers.ts';
import type { SourceDescriptor } from '../shared/edition/edition-format.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * The way home an imported bundle carried, in its import report: a publisher to follow in one
 * tap, a followed source whose mirrors it renewed, or publisher details it ignored, and why.
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
  @state() private _followed = new Set<string>();
  @state() private _problem = '';

  private async _onSubscribe(descriptor: SourceDescriptor): Promise<void> {
    this._problem = '';
    try {
      const { subscribeEdition } = await import('../sync/subscribe.ts');
      await subscribeEdition(descriptor);
    } catch (error) {
      const { errorText } = await import('../l10n/note-text.ts');
      this._problem = errorText(error);
      return;
    }
    this._followed = new Set([...this._followed, descriptor.key]);
    notifyLibraryChanged();
    void (await import('../sync/sync-queue.ts')).syncAll();
  }

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
      case 'offer': {
        const { descriptor, fingerprint } = outcome;
        if (this._followed.has(descriptor.key)) {
          return html`<li>${msg(html`You follow <bdi>${descriptor.name}</bdi>. Its articles are being synced; see Sources.`)}</li>`;
        }
        const mirrors = mirrorCount(descriptor.mirrors.length);
        return html`<li>
          ${msg(html`From <bdi>${descriptor.name}</bdi> · key <code>${fingerprint}</code> · ${mirrors}.`)}
          ${msg('Following it trusts this key; compare the fingerprint with the one the publisher gives first.')}
          <button class="secondary" @click=${() => this._onSubscribe(descriptor)}>${msg(str`Subscribe to ${descriptor.name}`)}</button>
        </li>`;
      }
    }
  }

  override render() {
    const shown = this.outcomes.filter((outcome) => outcome.kind !== 'current');
    if (shown.length === 0) return nothing;
    return html`<ul aria-label=${msg('Publishers')}>
        ${shown.map((outcome) => this._outcome(outcome))}
      </ul>
      ${this._problem ? html`<p class="error" role="alert">${this._problem}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-import-publishers': PamphletImportPublishers;
  }
}
