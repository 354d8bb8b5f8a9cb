import { msg, str } from '@lit/localize';
import { describeError } from '../l10n/describe-error.ts';
import { notifyLibraryChanged } from '../browser/library-changes.ts';
import { ListenerSet } from '../shared/listener-set.ts';
import { IMPORT_COUNTED, IMPORT_FINISHED, IMPORT_STARTED } from '../app/performance-marks.ts';
import { timePhase } from '../browser/phase-timing.ts';
import { groupChosenFiles } from './chosen-files.ts';
import type { ImportOptions, ImportProgress, ImportReport } from './import-report.ts';

/**
 * Every way in (the Import button, drag and drop, paste, a link, the share sheet, a file opened
 * with the app) queues here. Imports run one at a time; the reader sees progress and a report
 * for each, and can cancel the one running.
 */
export interface ImportState {
  running?: ImportProgress;
  /** Newest first. */
  reports: ImportReport[];
}

type Job = { source: string; run: (options: ImportOptions) => Promise<ImportReport> };

const listeners = new ListenerSet<ImportState>();
const queue: Job[] = [];
let state: ImportState = { reports: [] };
let controller: AbortController | undefined;

function publish(next: ImportState): void {
  state = next;
  listeners.notify(state);
}

export function importState(): ImportState {
  return state;
}

export function onImportState(listener: (state: ImportState) => void): () => void {
  return listeners.add(listener);
}

/** Why an import failed as a whole, in words a reader can act on. Nothing of it was stored. */
async function failureMessage(error: unknown): Promise<string> {
  const name = (error as DOMException | undefined)?.name;
  if (name === 'AbortError') return msg('Import cancelled. Nothing from it was stored.');
  if (name === 'QuotaExceededError') {
    return msg(
      'There is no room left on this device for Pamphlet’s library, so nothing from this file was stored; your library is as it was. Free some space (or delete articles), then import it again.',
    );
  }
  const detail = await describeError(error);
  return msg(str`Import failed, and nothing from it was stored: ${detail}`);
}

/**
 * Shows a report, then has the rest of its articles' unsafe parts counted (see
 * `ImportReport.countRest`) and shows it again with them. If the count fails, those rows simply
 * say nothing of unsafe parts: what is shown is sanitized whatever the count said.
 */
function publishReport(report: ImportReport, running?: ImportProgress): void {
  publish({ running, reports: [report, ...state.reports].slice(0, 20) });
  if (report.outcomes.some((outcome) => outcome.stored)) notifyLibraryChanged();
  report.countRest?.().then(
    () => {
      performance.mark(IMPORT_COUNTED);
      publish({ ...state, reports: [...state.reports] });
    },
    () => undefined,
  );
}

async function drain(): Promise<void> {
  if (controller) return;
  while (queue.length > 0) {
    const job = queue.shift()!;
    controller = new AbortController();
    publish({ ...state, running: { source: job.source, done: 0, total: 0 } });
    let report: ImportReport;
    performance.mark(IMPORT_STARTED);
    try {
      report = await job.run({
        signal: controller.signal,
        onProgress: (progress) => publish({ ...state, running: progress }),
      });
    } catch (error) {
      report = { source: job.source, outcomes: [], error: await failureMessage(error) };
    }
    controller = undefined;
    performance.mark(IMPORT_FINISHED);
    publishReport(report);
  }
}

const importFileCode = () => import('./import-file.ts');

/**
 * Starts loading the import's code while the reader picks a file (which takes seconds), so that
 * the import does not wait for it once they have.
 */
export function loadImportCode(): void {
  importFileCode().catch(() => undefined);
}

// The import code (the codec, signature checks, DOMPurify, Readability) loads on the first import,
// so that the first screen stays small.
export function importFiles(files: Iterable<File>): void {
  for (const { file, chosenWith } of groupChosenFiles(files)) {
    queue.push({
      source: file.name,
      run: async (options) => (await timePhase('load', importFileCode)).importFile(file, options, chosenWith),
    });
  }
  void drain();
}

export function importLinkText(text: string): void {
  queue.push({ source: msg('Link'), run: async (options) => (await import('./import-link.ts')).importLink(text, options) });
  void drain();
}

export function importPayload(bytes: Uint8Array, source = msg('QR code')): void {
  queue.push({ source, run: async (options) => (await import('./import-link.ts')).importPayloadBytes(bytes, source, options) });
  void drain();
}

/**
 * A report of articles imported outside the queue, shown with the others: a Nearby transfer
 * imports bundle by bundle as they arrive, and reports them as one.
 */
export function showReport(report: ImportReport): void {
  publishReport(report, state.running);
}

/** Stores what a held report checked (a link's, a QR code's), in place of the report. */
export function addHeld(report: ImportReport): void {
  const held = report.held;
  if (!held) return;
  publish({ ...state, reports: state.reports.filter((other) => other !== report) });
  queue.push({ source: report.source, run: (options) => held.add(options) });
  void drain();
}

/** Drops a held report: what it checked was never stored. */
export function discardHeld(report: ImportReport): void {
  publish({ ...state, reports: state.reports.filter((other) => other !== report) });
}

/** Stops the running import before it stores anything, and drops those still waiting. */
export function cancelImports(): void {
  queue.length = 0;
  controller?.abort();
}

export function dismissReports(): void {
  publish({ ...state, reports: [] });
}
