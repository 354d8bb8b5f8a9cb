import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  addHeld,
  cancelImports,
  discardHeld,
  dismissReports,
  importState,
  onImportState,
  type ImportState,
} from '../import/import-queue.ts';
import { LISTED_AT_FIRST, type ArticleOutcome, type ImportReport } from '../import/import-report.ts';
import { formatNumber } from '../l10n/format.ts';
import { articleCount, unsafePartCount } from '../l10n/counts.ts';
import { getSettings, saveSetting } from '../browser/storage/settings.ts';
// Static, and small: loaded with the panel, the offer waited for it after a first visit's import (0.4 s here, more on a busy machine).
import { askToPersist, isPersisted } from '../app/persistence.ts';
import { importPanelStyles } from './import-panel-styles.ts';
import { resultWords, summaryOf } from './import-words.ts';
import { sharedStyles } from './shared-styles.ts';
import './pamphlet-follow-offer.ts';
import './pamphlet-import-publishers.ts';
import './pamphlet-trust-form.ts';
import './pamphlet-verdict.ts';

/**
 * Progress and outcome of imports, announced as they happen: per article, Verified, Unknown
 * publisher (with a way to trust the key), Unsigned, or Refused with the reason.
 */
@customElement('pamphlet-import-panel')
@localized()
export class PamphletImportPanel extends LitElement {
  static override styles = [sharedStyles, importPanelStyles];

  @state() private _state: ImportState = importState();
  @state() private _trusted = new Set<string>();
  /** Offered once, after the first import that stored something. */
  @state() private _offerKeep = false;
  @state() private _keepAnswer = '';
  /** Reports whose every article the reader asked to see. */
  @state() private _expanded = new Set<ImportReport>();
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this._unsubscribe = onImportState((next) => this._show(next));
    // This panel loads lazily: an import that ended before it did (a file opened with the app, or
    // just a quick one) is shown, and offers to keep the library, as one that ends after.
    this._show(importState());
  }

  private _show(next: ImportState): void {
    this._state = next;
    if (next.reports.length === 0) this._expanded = new Set();
    if (next.reports[0]?.outcomes.some((outcome) => outcome.stored)) void this._maybeOfferKeep();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  private async _maybeOfferKeep(): Promise<void> {
    if ((await getSettings()).persistenceAsked || (await isPersisted())) return;
    this._offerKeep = true;
  }

  private async _onKeep(): Promise<void> {
    const kept = await askToPersist();
    await saveSetting('persistenceAsked', true);
    this._keepAnswer = kept
      ? msg('The browser will keep your library even when space runs low.')
      : msg('The browser did not promise to keep it. Back up your library now and then (Settings).');
    this._offerKeep = false;
  }

  private _trustForm(outcome: ArticleOutcome, offered: Set<string>) {
    const verdict = outcome.verdict;
    if (verdict.kind !== 'unknown') return nothing;
    if (this._trusted.has(verdict.key)) return html`<div>${msg('You now trust this key.')}</div>`;
    // One form per unknown key, on its first article: trusting it covers the others.
    if (offered.has(verdict.key)) return nothing;
    offered.add(verdict.key);
    return html`<pamphlet-trust-form
      key=${verdict.key}
      fingerprint=${verdict.fingerprint}
      @pamphlet-publisher-trusted=${() => (this._trusted = new Set([...this._trusted, verdict.key]))}
    ></pamphlet-trust-form>`;
  }

  private _outcome(outcome: ArticleOutcome, offered: Set<string>, held: boolean) {
    const stored = outcome.stored ? html` <span class="muted">(${resultWords(outcome.stored.result)})</span>` : nothing;
    const unsafeParts = outcome.unsafeParts ?? 0;
    const parts = unsafePartCount(unsafeParts);
    const unsafe =
      unsafeParts > 0
        ? html` <span class="unsafe">${msg(str`It holds ${parts} (such as scripts), which Pamphlet will never show or run.`)}</span>`
        : nothing;
    return html`<li>
      <pamphlet-verdict .verdict=${outcome.verdict}></pamphlet-verdict>:
      <bdi lang=${outcome.lang} dir=${outcome.dir}>${outcome.title}</bdi>${stored}${unsafe}
      ${outcome.summary ? html`<p class="summary" lang=${outcome.lang} dir=${outcome.dir}>${outcome.summary}</p>` : nothing}
      ${held ? nothing : this._trustForm(outcome, offered)}
    </li>`;
  }

  private _subscription(report: ImportReport) {
    const subscription = report.subscription;
    if (!subscription) return nothing;
    const { fingerprint, ...descriptor } = subscription;
    return html`<pamphlet-follow-offer .descriptor=${descriptor} fingerprint=${fingerprint}></pamphlet-follow-offer>`;
  }

  private _report(report: ImportReport) {
    return html`<h2><bdi>${report.source}</bdi></h2>
      ${report.error ? html`<p class="error">${msg(str`Refused: ${report.error}`)}</p>` : nothing}
      ${report.held ? html`<p>${msg('It opened here, and nothing from it is in your library yet. Add it?')}</p>` : nothing}
      ${this._subscription(report)}
      ${this._outcomes(report)}
      ${report.publishers ? html`<pamphlet-import-publishers .outcomes=${report.publishers}></pamphlet-import-publishers>` : nothing}
      ${
        report.held
          ? html`<div class="actions">
            <button @click=${() => addHeld(report)}>${msg('Add to library')}</button>
            <button class="secondary" @click=${() => discardHeld(report)}>${msg('Do not add')}</button>
          </div>`
          : nothing
      }`;
  }

  private _outcomes(report: ImportReport) {
    const { outcomes } = report;
    if (outcomes.length === 0) return nothing;
    const offered = new Set<string>();
    const listed = this._expanded.has(report) ? outcomes : outcomes.slice(0, LISTED_AT_FIRST);
    const articles = articleCount(outcomes.length);
    return html`${outcomes.length > LISTED_AT_FIRST ? html`<p>${summaryOf(outcomes)}</p>` : nothing}
      <ul>
        ${listed.map((outcome) => this._outcome(outcome, offered, Boolean(report.held)))}
      </ul>
      ${
        listed.length < outcomes.length
          ? html`<button class="secondary" @click=${() => (this._expanded = new Set([...this._expanded, report]))}>
            ${msg(str`Show all ${articles}`)}
          </button>`
          : nothing
      }`;
  }

  private _checked(done: number, total: number): string {
    const [checked, all] = [formatNumber(done), formatNumber(total)];
    return msg(str`${checked} of ${all} articles checked`);
  }

  private _storing(total: number): string {
    const articles = articleCount(total);
    return msg(str`Storing ${articles}…`);
  }

  override render() {
    const { running, reports } = this._state;
    const percent = running && running.total > 0 ? Math.round((running.done / running.total) * 100) : undefined;
    // The live region is always there, empty when idle, so that what appears in it is announced.
    return html`<div role="status">
      ${
        running || reports.length > 0
          ? html`<section aria-label=${msg('Import', { id: 'import-report', desc: 'The name of the region that reports on imports (a noun)' })}>
            ${
              running
                ? html`<h2>${msg(html`Importing <bdi>${running.source}</bdi>…`)}</h2>
                  <progress aria-label=${msg('Import progress')} max="100" .value=${percent ?? 0}></progress>
                  <p class="muted">${running.storing ? this._storing(running.total) : running.total > 0 ? this._checked(running.done, running.total) : msg('Reading…')}</p>`
                : nothing
            }
            ${reports.map((report) => this._report(report))}
            ${
              this._offerKeep
                ? html`<p>
                  ${msg('Browsers may clear a site’s storage when a device runs low on space, and your library with it. Ask the browser to keep it?')}
                  <button class="secondary" @click=${this._onKeep}>${msg('Keep my library')}</button>
                </p>`
                : nothing
            }
            ${this._keepAnswer ? html`<p>${this._keepAnswer}</p>` : nothing}
            <div class="actions">
              ${running ? html`<button class="secondary" @click=${cancelImports}>${msg('Cancel import')}</button>` : nothing}
              ${!running ? html`<button class="secondary" @click=${dismissReports}>${msg('Dismiss')}</button>` : nothing}
            </div>
          </section>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-import-panel': PamphletImportPanel;
  }
}
