import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { formatBytes, formatNumber } from '../l10n/format.ts';
import { correctedArticleCount, newArticleCount } from '../l10n/counts.ts';
import { noteText } from '../l10n/note-text.ts';
import type { SyncReport } from '../shared/sync/sync-edition.ts';
import type { SyncState } from '../sync/sync-queue.ts';

/** "2 new articles, 1 corrected article." or "no new articles." */
function brought(report: SyncReport): string {
  const corrected = report.corrected ?? 0;
  if (report.added === 0 && corrected === 0) return msg('no new articles.');
  const counts = [report.added > 0 && newArticleCount(report.added), corrected > 0 && correctedArticleCount(corrected)];
  return `${counts.filter(Boolean).join(msg(', ', { id: 'list-separator' }))}.`;
}

/** How a sync goes while it runs, then what each source brought or why it brought nothing. */
export function syncStatus({ running, reports, problem }: SyncState) {
  if (running) {
    const percent = running.bytesTotal > 0 ? Math.round((running.bytesDone / running.bytesTotal) * 100) : 0;
    const [done, total, bytesDone, bytesTotal] = [
      formatNumber(running.articlesDone),
      formatNumber(running.articlesTotal),
      formatBytes(running.bytesDone),
      formatBytes(running.bytesTotal),
    ];
    return html`<p>${msg(html`Syncing <bdi>${running.source}</bdi>: ${done} of ${total} articles, ${bytesDone} of ${bytesTotal}`)}</p>
      <progress aria-label=${msg('Sync progress')} max="100" .value=${percent}></progress>`;
  }
  return html`${problem ? html`<p class="error">${problem}</p>` : nothing}
  ${reports.map(
    (report) => html`<p>
        <strong><bdi>${report.sourceName}</bdi>:</strong>
        ${report.error ? html`<span class="error">${noteText(report.error)}</span>` : brought(report)}
      </p>
      ${report.messages.length > 0 ? html`<ul>${report.messages.map((message) => html`<li class="error">${noteText(message)}</li>`)}</ul>` : nothing}`,
  )}`;
}
