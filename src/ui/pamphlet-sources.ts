import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatMoment } from '../l10n/format.ts';
import { errorText, noteText } from '../l10n/note-text.ts';
import type { MirrorStatus, Source } from '../shared/db-schema.ts';
import type { SourceDescriptor } from '../shared/edition/edition-format.ts';
import { fingerprintOf } from '../shared/signing.ts';
import { storedMirrorOutcome } from '../shared/sync/mirror-outcome.ts';
import { getSettings } from '../browser/storage/settings.ts';
import { listSources, removeSource } from '../browser/storage/sources.ts';
import { addFeed, readSourceAddress } from '../sync/subscribe.ts';
import { ipfsFolderOf, isIpfsAddress } from '../shared/ipfs/ipfs-scheme.ts';
import './pamphlet-follow-offer.ts';
import { cancelSync, onSyncState, syncAll, syncState, type SyncState } from '../sync/sync-queue.ts';
import { sharedStyles } from './shared-styles.ts';
import { syncStatus } from './sync-status.ts';
import { sourcesStyles } from './sources-styles.ts';
import { formText } from './form-text.ts';

type Listed = Source & { fingerprint?: string };

/** What a mirror did when a sync last asked it, in a word or two; a forgery stands out. */
function mirrorState(status: MirrorStatus | undefined) {
  if (!status) return html`<span class="muted">${msg('not asked yet')}</span>`;
  switch (storedMirrorOutcome(status)) {
    case 'answered':
      return html`<span class="ok">${msg('answered')}</span>`;
    case 'did-not-answer':
      return html`<span class="down">${msg('did not answer')}</span>`;
    case 'older-index':
      return html`<span class="down">${msg('served an older index')}</span>`;
    case 'failed-verification':
      return html`<strong class="down">${msg('served data that failed verification')}</strong>`;
  }
}

/** The editions and feeds the reader follows: what they are, what their mirrors did, and Sync. */
@customElement('pamphlet-sources')
@localized()
export class PamphletSources extends LitElement {
  static override styles = [sharedStyles, sourcesStyles];

  @state() private _sources: Listed[] = [];
  @state() private _sync: SyncState = syncState();
  /** A descriptor read from an address, and the folder on IPFS it came from, if it did (followed with it). */
  @state() private _preview?: SourceDescriptor & { fingerprint: string; via: string[] };
  @state() private _problem = '';
  @state() private _busy = false;
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Sources · Pamphlet');
    this._unsubscribe = onSyncState((next) => {
      this._sync = next;
      if (!next.running) void this._load();
    });
    void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  private async _load(): Promise<void> {
    const sources = await listSources();
    this._sources = await Promise.all(
      sources.map(async (source) => (source.kind === 'edition' ? { ...source, fingerprint: await fingerprintOf(source.id) } : source)),
    );
  }

  private async _attempt(work: () => Promise<void>): Promise<void> {
    this._problem = '';
    this._busy = true;
    try {
      await work();
    } catch (error) {
      this._problem = errorText(error);
    } finally {
      this._busy = false;
    }
  }

  private _onAddSource(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const address = formText(form, 'address');
    return this._attempt(async () => {
      const descriptor = await readSourceAddress(address);
      const via = isIpfsAddress(address.trim()) ? [ipfsFolderOf(address)] : [];
      this._preview = { ...descriptor, fingerprint: await fingerprintOf(descriptor.key), via };
      form.reset();
    });
  }

  private async _onFollowed(): Promise<void> {
    this._preview = undefined;
    await this._load();
  }

  private _onAddFeed(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const address = formText(form, 'feed');
    return this._attempt(async () => {
      await addFeed(address, (await getSettings()).feedProxy || undefined);
      form.reset();
      await this._load();
      void syncAll();
    });
  }

  private async _onRemove(source: Source): Promise<void> {
    await removeSource(source.id);
    await this._load();
  }

  /** A mirror and what it did when a sync last asked it, with the details and when. */
  private _mirror(url: string, status: MirrorStatus | undefined) {
    const checked = status ? formatMoment(status.checkedAt) : '';
    return html`<li>
      <bdi dir="ltr">${url}</bdi>: ${mirrorState(status)}${status ? html` <span class="muted">(<bdi>${status.note ? noteText(status.note) : status.detail}</bdi>; ${checked})</span>` : nothing}
    </li>`;
  }

  private _source(source: Listed) {
    const mirrors = source.kind === 'edition' ? source.mirrors : [source.id];
    return html`<li class="source">
      <h3><bdi>${source.name}</bdi></h3>
      <p class="muted">
        ${source.kind === 'edition' ? msg(html`Edition · key <code>${source.fingerprint}</code>`) : msg('Feed · unsigned articles')} ·
        ${source.lastSync ? this._lastSynced(source.lastSync) : msg('not synced yet')}
      </p>
      <ul class="mirrors" aria-label=${msg(str`Mirrors of ${source.name}`)}>
        ${mirrors.map((url) => this._mirror(url, source.mirrorStatus[url] ?? source.mirrorStatus[url.replace(/\/?$/, '/')]))}
      </ul>
      <button class="secondary" @click=${() => this._onRemove(source)}>${msg(str`Remove ${source.name}`)}</button>
    </li>`;
  }

  private _lastSynced(time: number): string {
    const when = formatMoment(time);
    return msg(str`last synced ${when}`);
  }

  private _previewCard() {
    const preview = this._preview;
    if (!preview) return nothing;
    return html`<div class="preview">
      <pamphlet-follow-offer
        .descriptor=${preview}
        fingerprint=${preview.fingerprint}
        .alsoMirrors=${preview.via}
        @pamphlet-publisher-trusted=${this._onFollowed}>
        <button class="secondary" @click=${() => (this._preview = undefined)}>${msg('Cancel')}</button>
      </pamphlet-follow-offer>
    </div>`;
  }

  override render() {
    const syncing = Boolean(this._sync.running);
    return html`
      <h1>${msg('Sources')}</h1>
      <p class="muted">${msg('New articles come through any mirror that still answers. No mirror is trusted: only the publisher’s signature decides what is stored.')}</p>
      <div class="bar">
        <button @click=${() => void syncAll()} ?disabled=${syncing}>${msg('Sync')}</button>
        ${syncing ? html`<button class="secondary" @click=${cancelSync}>${msg('Cancel sync')}</button>` : nothing}
      </div>
      <section aria-label=${msg('Sync', { id: 'sync-status', desc: 'The name of the region that tells how a sync goes (a noun)' })}>
        ${syncStatus(this._sync)}
      </section>

      <h2>${msg('Followed')}</h2>
      ${
        this._sources.length === 0
          ? html`<p>${msg('You follow no source yet.')}</p>`
          : html`<ul aria-label=${msg('Sources')}>
            ${this._sources.map((source) => this._source(source))}
          </ul>`
      }

      <h2>${msg('Follow a source')}</h2>
      <form @submit=${this._onAddSource}>
        <label>${msg('Mirror or source address')} <input name="address" type="text" inputmode="url" dir="ltr" autocomplete="off" required /></label>
        <button class="secondary" type="submit" ?disabled=${this._busy}>${msg('Find source')}</button>
      </form>
      ${this._previewCard()}
      <form @submit=${this._onAddFeed}>
        <label>${msg('Feed address (RSS, Atom or JSON Feed)')} <input name="feed" type="text" inputmode="url" dir="ltr" autocomplete="off" required /></label>
        <button class="secondary" type="submit" ?disabled=${this._busy}>${msg('Add feed')}</button>
      </form>
      ${this._problem ? html`<p class="error" role="alert">${this._problem}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-sources': PamphletSources;
  }
}
