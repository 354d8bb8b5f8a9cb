import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { formatBytes, formatNumber } from '../l10n/format.ts';
import { newArticleCount } from '../l10n/counts.ts';
import { noteText } from '../l10n/note-text.ts';
import type { SyncState } from '../sync/sync-queue.ts';

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
        ${report.error ? html`<span class="error">${noteText(report.error)}</span>` : report.added === 0 ? msg('no new articles.') : `${newArticleCount(report.added)}.`}
      </p>
      ${report.messages.length > 0 ? html`<ul>${report.messages.map((message) => html`<li class="error">${noteText(message)}</li>`)}</ul>` : nothing}`,
  )}`;
}
