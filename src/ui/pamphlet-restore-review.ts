import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RestorePlan } from '../backup/read-backup.ts';
import type { RestoreChoices } from '../backup/restore-library.ts';
import { RestoreChosenEvent } from './element-events.ts';
import { articleCount } from '../l10n/counts.ts';
import { settingName, settingWords } from '../l10n/setting-words.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * What a backup would change, shown before anything is: its articles (checked as any import), and
 * one box for each key it would trust, source it would follow and setting it would change, all
 * unticked, since a backup is a file anyone could have made. Nothing is applied until Restore.
 */
@customElement('pamphlet-restore-review')
@localized()
export class PamphletRestoreReview extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        border: 1px solid var(--border);
        border-radius: 8px;
        padding: 0.75rem 1rem;
        margin: 0.75rem 0;
      }
      h3 {
        font-size: 1rem;
        margin: 0.75rem 0 0.25rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        margin: 0.25rem 0;
      }
      label.check {
        overflow-wrap: anywhere;
      }
      .refused {
        color: var(--refused);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
    `,
  ];

  @property({ attribute: false }) plan?: RestorePlan;
  /** What the reader ticked, as "keys:<key>", "sources:<id>", "settings:<name>". */
  @state() private _chosen = new Set<string>();

  private _box(kind: keyof RestoreChoices, id: string, label: unknown) {
    const entry = `${kind}:${id}`;
    const toggle = (event: Event) => {
      const next = new Set(this._chosen);
      if ((event.target as HTMLInputElement).checked) next.add(entry);
      else next.delete(entry);
      this._chosen = next;
    };
    return html`<label class="check"><input type="checkbox" .checked=${this._chosen.has(entry)} @change=${toggle} /> <span>${label}</span></label>`;
  }

  private _restore(): void {
    const chosen = (kind: keyof RestoreChoices) =>
      new Set([...this._chosen].filter((entry) => entry.startsWith(`${kind}:`)).map((entry) => entry.slice(kind.length + 1)));
    this.dispatchEvent(new RestoreChosenEvent({ keys: chosen('keys'), sources: chosen('sources'), settings: chosen('settings') }));
  }

  private _keyList(plan: RestorePlan) {
    if (plan.keys.length === 0) return nothing;
    return html`<h3 id="keys">${msg('Trust these publishers? Their articles would show as Verified.')}</h3>
      <ul aria-labelledby="keys">
        ${plan.keys.map((choice) =>
          choice.problem
            ? html`<li class="refused">${msg(html`<bdi>${choice.name}</bdi>, key <code>${choice.fingerprint}</code>: not offered. ${choice.problem}`)}</li>`
            : html`<li>${this._box('keys', choice.key, msg(html`Trust <bdi>${choice.name}</bdi>, key <code>${choice.fingerprint}</code>`))}</li>`,
        )}
      </ul>`;
  }

  private _sourceList(plan: RestorePlan) {
    if (plan.sources.length === 0) return nothing;
    return html`<h3 id="sources">${msg('Follow these sources? Pamphlet would contact these addresses when it syncs.')}</h3>
      <ul aria-labelledby="sources">
        ${plan.sources.map(({ source, hosts, existing, fingerprint, problem }) => {
          const where = hosts.join(', ');
          if (problem) return html`<li class="refused">${msg(html`<bdi>${source.name}</bdi> (${where}): not offered. ${problem}`)}</li>`;
          const label = existing
            ? msg(html`New mirrors for <bdi>${source.name}</bdi>: ${where}`)
            : msg(html`Follow <bdi>${source.name}</bdi> (${where})`);
          return html`<li>${this._box('sources', source.id, html`${label}${fingerprint ? html` · ${msg(html`key <code>${fingerprint}</code>`)}` : nothing}`)}</li>`;
        })}
      </ul>`;
  }

  private _settingList(plan: RestorePlan) {
    if (plan.settings.length + plan.invalidSettings.length === 0) return nothing;
    return html`<h3 id="settings">${msg('Take these settings?')}</h3>
      <ul aria-labelledby="settings">
        ${plan.settings.map((choice) => {
          const [what, value] = settingWords(choice);
          return html`<li>${this._box('settings', choice.key, html`${what}: <bdi dir="auto">${value}</bdi>`)}</li>`;
        })}
        ${plan.invalidSettings.map((key) => {
          const what = settingName(key);
          return html`<li class="refused">${msg(str`${what}: the backup holds a value Pamphlet does not know, so this setting stays as it is.`)}</li>`;
        })}
      </ul>`;
  }

  override render() {
    const plan = this.plan;
    if (!plan) return nothing;
    const [articles, name] = [articleCount(plan.decoded.articles.length), plan.fileName];
    return html`<section aria-label=${msg('What this backup would change')}>
      <p><strong>${msg(str`${name} holds ${articles}.`)}</strong> ${msg('Each is checked as any import is; nothing here is replaced by an older copy. What you read, your stars and collections come with them.')}</p>
      ${
        plan.keys.length + plan.sources.length + plan.settings.length > 0
          ? html`<p>${msg('Besides articles, it would change what you tick below, and nothing else. A backup is a file anyone could have made or edited: tick only what you recognize.')}</p>`
          : nothing
      }
      ${this._keyList(plan)} ${this._sourceList(plan)} ${this._settingList(plan)}
      <div class="bar">
        <button @click=${this._restore}>${msg('Restore now')}</button>
        <button class="secondary" @click=${() => this.dispatchEvent(new RestoreChosenEvent(undefined))}>${msg('Cancel')}</button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-restore-review': PamphletRestoreReview;
  }
}
