import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { formatBytes, formatNumber } from '../l10n/format.ts';
import { correctedArticleCount, newArticleCount, problemCount } from '../l10n/counts.ts';
import { noteText } from '../l10n/note-text.ts';
import type { SyncProgress, SyncReport } from '../shared/sync/sync-edition.ts';
import type { SyncState } from '../sync/sync-queue.ts';

/** "2 new articles, 1 corrected article." or "no new articles." */
function brought(added: number, corrected: number): string {
  if (added === 0 && corrected === 0) return msg('no new articles.');
  const counts = [added > 0 && newArticleCount(added), corrected > 0 && correctedArticleCount(corrected)];
  return `${counts.filter(Boolean).join(msg(', ', { id: 'list-separator' }))}.`;
}

/** "Sync finished: 5 new articles. 2 problems, listed below.": what the whole sync came to. */
function finished(reports: readonly SyncReport[]): string {
  const total = (count: (report: SyncReport) => number) => reports.reduce((sum, report) => sum + count(report), 0);
  const counts = brought(
    total((report) => report.added),
    total((report) => report.corrected ?? 0),
  );
  const line = msg(str`Sync finished: ${counts}`);
  const problems = total((report) => (report.error ? 1 : 0) + report.messages.length);
  if (problems === 0) return line;
  const listed = problemCount(problems);
  return `${line} ${msg(str`${listed}, listed below.`)}`;
}

function progress(running: SyncProgress) {
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

/** "Fetched through the IPFS gateway ipfs.io.": the gateways that answered, for a source with mirrors on IPFS. */
function gatewaysThatAnswered(report: SyncReport) {
  const hosts = Object.values(report.gateways ?? {})
    .filter((answer) => answer.outcome === 'answered')
    .map((answer) => new URL(answer.gateway).host);
  if (hosts.length === 0) return nothing;
  const list = hosts.join(msg(', ', { id: 'list-separator' }));
  return html`<p class="muted">${msg(str`Fetched through the IPFS gateway ${list}.`)}</p>`;
}

/** What each source brought, or why it brought nothing, and what the reader should know of it (the most serious first). */
function results(reports: readonly SyncReport[]) {
  return reports.map(
    (report) => html`<p>
        <strong><bdi>${report.sourceName}</bdi>:</strong>
        ${report.error ? html`<span class="error">${noteText(report.error)}</span>` : brought(report.added, report.corrected ?? 0)}
      </p>
      ${gatewaysThatAnswered(report)}
      ${report.messages.length > 0 ? html`<ul>${report.messages.map((message) => html`<li class="error">${noteText(message)}</li>`)}</ul>` : nothing}`,
  );
}

/**
 * How a sync goes while it runs, then what each source brought or why it brought nothing. The
 * first line is a polite live region, always there so that screen readers hear it change: "Syncing…"
 * (seen only by them) when a sync starts, "Sync finished: …" or why nothing was synced when it
 * ends. The progress, which changes at every article, is left out of it.
 */
export function syncStatus({ running, reports, problem, finishedAt }: SyncState) {
  const line = running ? msg('Syncing…') : (problem ?? (finishedAt === undefined ? '' : finished(reports)));
  return html`<p role="status" class=${running ? 'visually-hidden' : problem ? 'error' : ''}>${line}</p>
    ${running ? progress(running) : results(reports)}`;
}
