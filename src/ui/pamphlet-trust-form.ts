import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PublisherTrustedEvent } from './element-events.ts';
import { errorText } from '../l10n/note-text.ts';
import { notifyLibraryChanged } from '../browser/library-changes.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * Trusting an unknown key from an article that it signed. The name field starts empty: the name an
 * article claims is the one an impostor would choose, so the reader writes the name they know the
 * publisher by, and says they compared the fingerprint with the one the publisher gives.
 */
@customElement('pamphlet-trust-form')
@localized()
export class PamphletTrustForm extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
        margin-top: 0.35rem;
      }
      label {
        display: flex;
        flex-direction: column;
        font-size: 0.875rem;
      }
      label.check {
        flex-direction: row;
      }
      .problem {
        color: var(--refused);
        flex-basis: 100%;
        margin: 0;
      }
    `,
  ];

  /** The key to trust, and its fingerprint as the reader compares it. */
  @property() key = '';
  @property() fingerprint = '';
  @state() private _problem = '';

  private async _onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = new FormData(event.target as HTMLFormElement).get('name');
    this._problem = '';
    try {
      const { trustPublisher } = await import('../publishers/trust-publisher.ts');
      await trustPublisher(this.key, typeof name === 'string' ? name : '');
    } catch (error) {
      this._problem = errorText(error);
      return;
    }
    notifyLibraryChanged();
    this.dispatchEvent(new PublisherTrustedEvent(this.key));
  }

  override render() {
    return html`<form aria-label=${msg('Trust this publisher')} @submit=${this._onSubmit}>
      <label>${msg('Your name for this publisher')} <input name="name" required autocomplete="off" /></label>
      <label class="check"
        ><input type="checkbox" name="compared" required />
        ${msg(html`I compared the key <code>${this.fingerprint}</code> with the one the publisher gives`)}</label
      >
      <button class="secondary" type="submit">${msg('Trust this publisher')}</button>
      ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-trust-form': PamphletTrustForm;
  }
}
