import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PublisherTrustedEvent } from './element-events.ts';
import { mirrorCount } from '../l10n/counts.ts';
import { errorText } from '../l10n/note-text.ts';
import { notifyLibraryChanged } from '../browser/library-changes.ts';
import type { SourceDescriptor } from '../shared/edition/edition-format.ts';
import { readerAppLinks } from './reader-app-links.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * A publisher's signed source offered for following, wherever it came from (a source file or link,
 * a mirror's address, the publisher details a bundle carried): its name, key, mirrors and the
 * addresses of the reader app, and a Follow button that stays off until the reader says they
 * compared the fingerprint. Following trusts the key, through the one trust check
 * (trust-publisher.ts); a refusal is shown here.
 */
@customElement('pamphlet-follow-offer')
@localized()
export class PamphletFollowOffer extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      p {
        margin: 0.35rem 0;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .problem {
        color: var(--refused);
      }
    `,
  ];

  @property({ attribute: false }) descriptor?: SourceDescriptor;
  @property() fingerprint = '';
  /** Mirrors to follow beside the descriptor's: the folder on IPFS where the reader found it. */
  @property({ attribute: false }) alsoMirrors: readonly string[] = [];
  @state() private _compared = false;
  @state() private _busy = false;
  @state() private _followed = false;
  @state() private _problem = '';

  private async _onFollow(): Promise<void> {
    const descriptor = this.descriptor;
    if (!descriptor || !this._compared) return;
    this._problem = '';
    this._busy = true;
    try {
      const { subscribeEdition } = await import('../sync/subscribe.ts');
      await subscribeEdition(descriptor, this.alsoMirrors);
    } catch (error) {
      this._problem = errorText(error);
      return;
    } finally {
      this._busy = false;
    }
    this._followed = true;
    notifyLibraryChanged();
    this.dispatchEvent(new PublisherTrustedEvent(descriptor.key));
    void (await import('../sync/sync-queue.ts')).syncAll();
  }

  override render() {
    const descriptor = this.descriptor;
    if (!descriptor) return nothing;
    if (this._followed)
      return html`<p>${msg(html`You follow <bdi>${descriptor.name}</bdi>. Its articles are being synced; see Sources.`)}</p>`;
    const mirrors = mirrorCount(descriptor.mirrors.length);
    return html`<div role="group" aria-label=${descriptor.name}>
      <p>${msg(html`<strong><bdi>${descriptor.name}</bdi></strong>, key <code>${this.fingerprint}</code>, ${mirrors}.`)}</p>
      ${readerAppLinks(descriptor)}
      <p>${msg('Following it trusts this key: its articles will show as Verified.')}</p>
      <label class="check"
        ><input type="checkbox" .checked=${this._compared} @change=${(event: Event) => (this._compared = (event.target as HTMLInputElement).checked)} />
        ${msg(html`I compared the key <code>${this.fingerprint}</code> with the one the publisher gives`)}</label
      >
      <div class="bar">
        <button @click=${this._onFollow} ?disabled=${this._busy || !this._compared}>${msg(str`Follow ${descriptor.name}`)}</button>
        <slot></slot>
      </div>
      ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-follow-offer': PamphletFollowOffer;
  }
}
