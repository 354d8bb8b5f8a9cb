import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators/custom-element.js';
import { property } from 'lit/decorators/property.js';
import type { Note } from '../shared/note.ts';
import type { Verdict } from '../shared/verdict.ts';

/**
 * The words for a refusal, loaded when a refused verdict is first shown (in an import report):
 * stored articles are never refused, so the library's list does without them.
 */
let noteText: ((note: Note) => string) | undefined;

function label(kind: Verdict['kind']): string {
  switch (kind) {
    case 'verified':
      return msg('Verified');
    case 'unknown':
      return msg('Unknown publisher');
    case 'unsigned':
      return msg('Unsigned');
    case 'refused':
      return msg('Refused');
  }
}

/** Who vouches for an article, in one of four words and the detail that goes with it. */
@customElement('pamphlet-verdict')
@localized()
export class PamphletVerdict extends LitElement {
  static override styles = css`
    :host {
      display: inline;
      font-family: var(--font-ui);
    }
    .badge {
      font-weight: 600;
    }
    .badge::before {
      content: '';
      display: inline-block;
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      margin-inline-end: 0.35em;
      background: currentColor;
      vertical-align: 0.05em;
    }
    .verified {
      color: var(--verified, #1a7f37);
    }
    .unknown {
      color: var(--unknown, #9a6700);
    }
    .unsigned {
      color: var(--muted);
    }
    .refused {
      color: var(--refused, #cf222e);
    }
    .detail {
      color: var(--muted);
    }
    code {
      font-size: 0.95em;
    }
  `;

  @property({ attribute: false }) verdict?: Verdict;

  private _detail(verdict: Verdict) {
    switch (verdict.kind) {
      case 'verified':
        return msg(html`signed by <bdi>${verdict.publisherName}</bdi>`);
      case 'unknown':
        return verdict.fingerprint ? msg(html`key <code>${verdict.fingerprint}</code>`) : nothing;
      case 'unsigned':
        return nothing;
      case 'refused':
        if (noteText) return noteText(verdict.note);
        // Should its code be gone (a newer version published since), the badge alone still says it.
        import('../l10n/note-text.ts').then(
          (words) => {
            noteText = words.noteText;
            this.requestUpdate();
          },
          () => undefined,
        );
        return nothing;
    }
  }

  override render() {
    const verdict = this.verdict;
    if (!verdict) return nothing;
    const detail = this._detail(verdict);
    return html`<span class="badge ${verdict.kind}">${label(verdict.kind)}</span>${
      detail === nothing ? nothing : html` <span class="detail">· ${detail}</span>`
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-verdict': PamphletVerdict;
  }
}
