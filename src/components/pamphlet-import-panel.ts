import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { cancelImports, dismissReports, importState, onImportState, type ImportState } from '../import/import-queue.ts';
import type { ArticleOutcome, ImportReport } from '../import/import-report.ts';
import { notifyLibraryChanged } from '../library-events.ts';
import { trustKey } from '../storage/trusted-keys.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-verdict.ts';

const RESULT_WORDS: Record<'added' | 'replaced' | 'kept', string> = {
  added: 'added to the library',
  replaced: 'a newer revision, replaced the older copy',
  kept: 'already in the library',
};

const SUMMARY_WORDS: Record<'added' | 'replaced' | 'kept', string> = {
  added: 'added',
  replaced: 'updated to a newer revision',
  kept: 'already in the library',
};

/** A big import lists this many articles until the reader asks for all (10,000 list items help no one). */
const LISTED_AT_FIRST = 20;

/**
 * Progress and outcome of imports, announced as they happen: per article, Verified, Unknown
 * publisher (with a way to trust the key), Unsigned, or Refused with the reason.
 */
@customElement('pamphlet-import-panel')
export class PamphletImportPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      section {
        max-width: 48rem;
        margin: 0.75rem auto 0;
        padding: 0.75rem 1rem;
        border: 1px solid var(--border);
        border-radius: 8px;
        background: var(--surface);
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
      progress {
        width: 100%;
        height: 0.75rem;
        accent-color: var(--accent);
      }
      ul {
        margin: 0.25rem 0 0.75rem;
        padding-inline-start: 1.25rem;
      }
      li {
        margin: 0.35rem 0;
        line-height: 1.45;
      }
      .unsafe {
        color: var(--unknown);
      }
      .error {
        color: var(--refused);
        font-weight: 600;
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
      .actions {
        display: flex;
        gap: 0.5rem;
      }
    `,
  ];

  @state() private _state: ImportState = importState();
  @state() private _trusted = new Set<string>();
  @state() private _followed = new Set<string>();
  /** Offered once, after the first import that stored something. */
  @state() private _offerKeep = false;
  @state() private _keepAnswer = '';
  /** Reports whose every article the reader asked to see. */
  @state() private _expanded = new Set<ImportReport>();
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this._unsubscribe = onImportState((next) => {
      this._state = next;
      if (next.reports.length === 0) this._expanded = new Set();
      if (next.reports[0]?.outcomes.some((outcome) => outcome.stored)) void this._maybeOfferKeep();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  private async _maybeOfferKeep(): Promise<void> {
    const [{ getSettings }, { storageState }] = await Promise.all([import('../storage/settings.ts'), import('../persistence.ts')]);
    if ((await getSettings()).persistenceAsked || (await storageState()).persisted) return;
    this._offerKeep = true;
  }

  private async _onKeep(): Promise<void> {
    const [{ saveSetting }, { askToPersist }] = await Promise.all([import('../storage/settings.ts'), import('../persistence.ts')]);
    const kept = await askToPersist();
    await saveSetting('persistenceAsked', true);
    this._keepAnswer = kept
      ? 'The browser will keep your library even when space runs low.'
      : 'The browser did not promise to keep it. Back up your library now and then (Settings).';
    this._offerKeep = false;
  }

  private async _onTrust(event: SubmitEvent, key: string): Promise<void> {
    event.preventDefault();
    const name = new FormData(event.target as HTMLFormElement).get('name');
    await trustKey(key, typeof name === 'string' ? name : '');
    this._trusted = new Set([...this._trusted, key]);
    notifyLibraryChanged();
  }

  private _trustForm(outcome: ArticleOutcome, offered: Set<string>) {
    const verdict = outcome.verdict;
    if (verdict.kind !== 'unknown') return nothing;
    if (this._trusted.has(verdict.key)) return html`<div>You now trust this key.</div>`;
    // One form per unknown key, on its first article: trusting it covers the others.
    if (offered.has(verdict.key)) return nothing;
    offered.add(verdict.key);
    return html`<form @submit=${(event: SubmitEvent) => this._onTrust(event, verdict.key)}>
      <label>Publisher name <input name="name" .value=${outcome.claimedPublisher} required /></label>
      <button class="secondary" type="submit">Trust this publisher</button>
    </form>`;
  }

  private _outcome(outcome: ArticleOutcome, offered: Set<string>) {
    const stored = outcome.stored ? html` <span class="muted">(${RESULT_WORDS[outcome.stored.result]})</span>` : nothing;
    const unsafe =
      outcome.unsafeParts > 0
        ? html` <span class="unsafe">It holds ${outcome.unsafeParts === 1 ? 'an unsafe part' : `${outcome.unsafeParts} unsafe parts`} (such as scripts), which Pamphlet will never show or run.</span>`
        : nothing;
    return html`<li>
      <pamphlet-verdict .verdict=${outcome.verdict}></pamphlet-verdict>:
      <bdi lang=${outcome.lang} dir=${outcome.dir}>${outcome.title}</bdi>${stored}${unsafe} ${this._trustForm(outcome, offered)}
    </li>`;
  }

  private async _onFollow(report: ImportReport): Promise<void> {
    const descriptor = report.subscription;
    if (!descriptor) return;
    const { subscribeEdition } = await import('../sync/subscribe.ts');
    const { fingerprint: _fingerprint, ...signed } = descriptor;
    await subscribeEdition(signed);
    this._followed = new Set([...this._followed, descriptor.key]);
    notifyLibraryChanged();
    void (await import('../sync/sync-queue.ts')).syncAll();
  }

  private _subscription(report: ImportReport) {
    const descriptor = report.subscription;
    if (!descriptor) return nothing;
    const mirrors = descriptor.mirrors.length === 1 ? '1 mirror' : `${descriptor.mirrors.length} mirrors`;
    return html`<p>
        Source: <bdi>${descriptor.name}</bdi> · key <code>${descriptor.fingerprint}</code> · ${mirrors}.
        Following it trusts this key; compare the fingerprint with the one the publisher gives first.
      </p>
      ${this._followed.has(descriptor.key)
        ? html`<p>You follow <bdi>${descriptor.name}</bdi>. Its articles are being synced; see Sources.</p>`
        : html`<button class="secondary" @click=${() => this._onFollow(report)}>Follow ${descriptor.name}</button>`}`;
  }

  private _report(report: ImportReport) {
    return html`<h2><bdi>${report.source}</bdi></h2>
      ${report.error ? html`<p class="error">Refused: ${report.error}</p>` : nothing}
      ${this._subscription(report)}
      ${this._outcomes(report)}`;
  }

  private _outcomes(report: ImportReport) {
    const { outcomes } = report;
    if (outcomes.length === 0) return nothing;
    const offered = new Set<string>();
    const listed = this._expanded.has(report) ? outcomes : outcomes.slice(0, LISTED_AT_FIRST);
    return html`${outcomes.length > LISTED_AT_FIRST ? html`<p>${summaryOf(outcomes)}</p>` : nothing}
      <ul>
        ${listed.map((outcome) => this._outcome(outcome, offered))}
      </ul>
      ${listed.length < outcomes.length
        ? html`<button class="secondary" @click=${() => (this._expanded = new Set([...this._expanded, report]))}>Show all ${outcomes.length} articles</button>`
        : nothing}`;
  }

  override render() {
    const { running, reports } = this._state;
    const percent = running && running.total > 0 ? Math.round((running.done / running.total) * 100) : undefined;
    // The live region is always there, empty when idle, so that what appears in it is announced.
    return html`<div role="status">
      ${running || reports.length > 0
        ? html`<section aria-label="Import">
            ${running
              ? html`<h2>Importing <bdi>${running.source}</bdi>…</h2>
                  <progress aria-label="Import progress" max="100" .value=${percent ?? 0}></progress>
                  <p class="muted">${running.total > 0 ? `${running.done} of ${running.total} articles checked` : 'Reading…'}</p>`
              : nothing}
            ${reports.map((report) => this._report(report))}
            ${this._offerKeep
              ? html`<p>
                  Browsers may clear a site’s storage when a device runs low on space, and your library with it. Ask the browser to keep it?
                  <button class="secondary" @click=${this._onKeep}>Keep my library</button>
                </p>`
              : nothing}
            ${this._keepAnswer ? html`<p>${this._keepAnswer}</p>` : nothing}
            <div class="actions">
              ${running ? html`<button class="secondary" @click=${cancelImports}>Cancel import</button>` : nothing}
              ${!running ? html`<button class="secondary" @click=${dismissReports}>Dismiss</button>` : nothing}
            </div>
          </section>`
        : nothing}
    </div>`;
  }
}

/** "1000 articles: 990 added to the library, 10 refused." */
function summaryOf(outcomes: readonly ArticleOutcome[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    const words = outcome.stored ? SUMMARY_WORDS[outcome.stored.result] : 'refused';
    counts.set(words, (counts.get(words) ?? 0) + 1);
  }
  return `${outcomes.length} articles: ${[...counts].map(([words, count]) => `${count} ${words}`).join(', ')}.`;
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-import-panel': PamphletImportPanel;
  }
}
