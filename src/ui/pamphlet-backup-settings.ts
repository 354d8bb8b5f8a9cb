import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { RestorePlan } from '../backup/read-backup.ts';
import { SettingsChangedEvent, type RestoreChosenEvent } from './element-events.ts';
import { formatBytes, formatMoment } from '../l10n/format.ts';
import { articleCount, publisherCount, settingCount, sourceCount } from '../l10n/counts.ts';
import { errorText } from '../l10n/note-text.ts';
import { askToPersist, storageState, type StorageState } from '../app/persistence.ts';
import { getSettings, saveSetting } from '../browser/storage/settings.ts';
import { settingsSectionStyles } from './settings-styles.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * Settings' "Backup and moving": back the library up into one file, restore one, and how much
 * room the browser gives it. A restore brings settings too, so it sends SettingsChangedEvent.
 */
@customElement('pamphlet-backup-settings')
@localized()
export class PamphletBackupSettings extends LitElement {
  static override styles = [
    sharedStyles,
    settingsSectionStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .file-button {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        padding: 0 1rem;
        border: 1px solid var(--accent);
        border-radius: 6px;
        color: var(--accent);
        cursor: pointer;
      }
      .file-button:focus-within {
        outline: 3px solid var(--focus);
        outline-offset: 2px;
      }
      .file-button input {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      .problem {
        color: var(--refused);
      }
    `,
  ];

  @state() private _lastBackupAt = 0;
  @state() private _lastBackupArticles = 0;
  @state() private _storage?: StorageState;
  @state() private _status = '';
  @state() private _problem = '';
  /** A backup read and waiting for the reader's choices. */
  @state() private _plan?: RestorePlan;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._loadLastBackup();
    void storageState().then((state) => (this._storage = state));
  }

  private async _loadLastBackup(): Promise<void> {
    const { lastBackupAt, lastBackupArticles } = await getSettings();
    this._lastBackupAt = lastBackupAt;
    this._lastBackupArticles = lastBackupArticles;
  }

  private async _onBackUp(): Promise<void> {
    this._problem = '';
    try {
      const { backUpLibrary } = await import('../backup/library-backup.ts');
      const { saveFile } = await import('../export/export-articles.ts');
      const file = await backUpLibrary();
      saveFile(file);
      await this._loadLastBackup();
      const articles = articleCount(file.count);
      const name = file.name;
      this._status = msg(str`Backed up ${articles} to ${name}. Keep it somewhere safe.`);
    } catch (error) {
      const reason = errorText(error);
      this._problem = msg(str`The backup failed: ${reason}`);
    }
  }

  /** A backup is read into a plan of what it would change, which the reader reviews first. */
  private async _onChooseBackup(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this._problem = '';
    this._plan = undefined;
    const name = file.name;
    this._status = msg(str`Reading ${name}…`);
    try {
      const { readBackup } = await import('../backup/read-backup.ts');
      await import('./pamphlet-restore-review.ts');
      this._plan = await readBackup(file);
      this._status = '';
    } catch (error) {
      this._status = '';
      const reason = errorText(error);
      this._problem = msg(str`Nothing was restored: ${reason}`);
    }
  }

  private async _onRestoreChosen(event: RestoreChosenEvent): Promise<void> {
    const plan = this._plan;
    this._plan = undefined;
    if (!plan || !event.choices) {
      this._status = msg('Nothing was restored.');
      return;
    }
    const name = plan.fileName;
    this._status = msg(str`Restoring ${name}…`);
    try {
      const { restoreLibrary } = await import('../backup/restore-library.ts');
      const restored = await restoreLibrary(plan, event.choices);
      const settings = await getSettings();
      this.dispatchEvent(new SettingsChangedEvent(settings));
      await this._loadLastBackup();
      const [articles, sources, publishers] = [
        articleCount(restored.articles),
        sourceCount(restored.sources),
        publisherCount(restored.keys),
      ];
      const refused = articleCount(restored.refused);
      const settingsTaken = settingCount(restored.settings);
      this._status =
        restored.refused > 0
          ? msg(
              str`Restored ${articles}, ${sources}, ${publishers} and ${settingsTaken}; ${refused} were refused (their signatures do not check out).`,
            )
          : msg(str`Restored ${articles}, ${sources}, ${publishers} and ${settingsTaken}.`);
    } catch (error) {
      this._status = '';
      const reason = errorText(error);
      this._problem = msg(str`Nothing was restored: ${reason}`);
    }
  }

  private async _onKeep(): Promise<void> {
    await askToPersist();
    await saveSetting('persistenceAsked', true);
    this._storage = await storageState();
  }

  private _storageText(): string {
    const storage = this._storage;
    if (!storage) return msg('Checking…');
    const used = storage.usage !== undefined ? formatBytes(storage.usage) : undefined;
    const quota = storage.quota !== undefined ? formatBytes(storage.quota) : undefined;
    const room =
      used && quota ? msg(str`${used} used of ${quota} the browser allows.`) : used ? msg(str`${used} used.`) : msg('Space used unknown.');
    const kept = storage.persisted
      ? msg('The browser keeps the library even when space runs low.')
      : msg('The browser may clear the library if the device runs low on space.');
    return `${room} ${kept}`;
  }

  private _lastBackup(): string {
    if (!this._lastBackupAt) return msg('No backup yet.');
    const when = formatMoment(this._lastBackupAt);
    const articles = articleCount(this._lastBackupArticles);
    return msg(str`Last backup: ${when} (${articles}).`);
  }

  override render() {
    return html`<fieldset>
      <legend>${msg('Backup and moving')}</legend>
      <p>
        ${msg(
          'Your library lives only in this browser, at this address. A backup is one file with your articles, images, sources, trusted publishers, what you have read and your settings. If the mirror you installed Pamphlet from is blocked, install Pamphlet from another mirror and restore the backup there: your library moves with it.',
        )}
      </p>
      <p class="muted">${this._lastBackup()}</p>
      <div class="row">
        <button @click=${this._onBackUp}>${msg('Back up library')}</button>
        <label class="file-button secondary"
          >${msg('Restore')}<input type="file" accept=".html,.htm,text/html" @change=${this._onChooseBackup}
        /></label>
      </div>
      ${this._plan ? html`<pamphlet-restore-review .plan=${this._plan} @pamphlet-restore-chosen=${this._onRestoreChosen}></pamphlet-restore-review>` : nothing}
      <p role="status">${this._status}</p>
      ${this._problem ? html`<p role="alert" class="problem">${this._problem}</p>` : nothing}
      <p class="muted">${this._storageText()}</p>
      ${this._storage && !this._storage.persisted ? html`<button class="secondary" @click=${this._onKeep}>${msg('Keep my library')}</button>` : nothing}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-backup-settings': PamphletBackupSettings;
  }
}
