import type { ArticleOutcome, ImportReport } from '../import/import-report.ts';
import { importNearbyBundle } from '../import/import-nearby.ts';
import { MAX_IMPORT_BYTES } from '../import/import-limits.ts';
import {
  MAX_UNACKNOWLEDGED_BUNDLES,
  MAX_UNACKNOWLEDGED_BYTES,
  NEARBY_PROTOCOL_VERSION,
  type NearbyMessage,
} from '../shared/nearby/nearby-protocol.ts';
import { isNearbyBundleFormat } from '../shared/nearby/nearby-bundle.ts';
import { storedRevisions } from '../browser/storage/sources.ts';
import type { NearbyConnection } from './nearby-connection.ts';
import { NearbyError } from './nearby-error.ts';
import { NO_PROGRESS, SpeedMeter, type TransferProgress } from './transfer-progress.ts';
import type { TransferOptions } from './nearby-sender.ts';

/** What a transfer brought in, as one import report, whether it finished or not. */
export interface ReceiveOutcome {
  progress: TransferProgress;
  report: ImportReport;
  /** Set when the transfer ended early; what is in `report` was stored all the same. */
  error?: NearbyError;
  timing: ReceiveTiming;
}

/** When bytes came and how long the imports took (performance.now() times), for the benchmark. */
export interface ReceiveTiming {
  bundles: number;
  bytes: number;
  firstByteAt: number;
  lastByteAt: number;
  /** Time spent checking and storing bundles, summed. */
  importBusyMs: number;
  lastImportAt: number;
}

export interface ReceiveOptions extends TransferOptions {
  /**
   * The reader agreed to tell the sending phone which of its articles this library holds, so that
   * they are not sent again. Without it, the other phone learns nothing of this library.
   */
  tellWhatIsHere?: boolean;
}

/**
 * Articles that came over Nearby while this page is open. Answering a sender with these says
 * nothing it does not know (a phone sent them), and lets a transfer cut short resume where it
 * stopped. Kept in memory only.
 */
const receivedThisVisit = new Set<string>();

/**
 * Receives articles over an open channel (docs/nearby.md): answers the manifest with what the
 * sender may know is here already (see `ReceiveOptions`), then gathers each bundle's bytes and,
 * once a bundle is whole, imports it through the usual checks and tells the sender. A bundle cut
 * off midway is dropped, never stored; the ones complete before a drop are imported and kept.
 * Never rejects: a transfer that ended early says why in `error`.
 */
export async function receiveArticles(
  connection: NearbyConnection,
  source: string,
  { signal, onProgress, tellWhatIsHere = false }: ReceiveOptions = {},
): Promise<ReceiveOutcome> {
  const outcomes: ArticleOutcome[] = [];
  const errors: string[] = [];
  /** The bundles' counts of unsafe parts left for after the report is shown (see `ImportReport.countRest`). */
  const countsLeft: Array<() => Promise<void>> = [];
  const meter = new SpeedMeter();
  let progress = NO_PROGRESS;
  const timing: ReceiveTiming = { bundles: 0, bytes: 0, firstByteAt: 0, lastByteAt: 0, importBusyMs: 0, lastImportAt: 0 };
  const report = (change: Partial<TransferProgress>) => {
    progress = { ...progress, ...change };
    onProgress?.(progress);
  };
  let manifest: Map<string, number> | undefined;
  let current: { id: string; bytes: Uint8Array; filled: number } | undefined;
  /** Bundles announced and not yet acknowledged: the sender must keep within the window. */
  let pending = 0;
  let pendingBytes = 0;
  /** Imports run one after another, in the order bundles arrived. */
  let imports: Promise<void> = Promise.resolve();
  let finish!: (error?: NearbyError) => void;
  const ended = new Promise<NearbyError | undefined>((resolve) => (finish = resolve));

  const importWhole = (id: string, bytes: Uint8Array) => {
    imports = imports.then(async () => {
      const started = performance.now();
      const result = await importNearbyBundle(bytes, source).catch((error: unknown) => ({ source, outcomes: [], error: String(error) }));
      outcomes.push(...result.outcomes);
      if ('countRest' in result && result.countRest) countsLeft.push(result.countRest);
      if (result.error) errors.push(result.error);
      timing.bundles++;
      timing.lastImportAt = performance.now();
      timing.importBusyMs += timing.lastImportAt - started;
      const kept = result.outcomes.some((outcome) => outcome.stored);
      if (kept) receivedThisVisit.add(id);
      report(kept ? { kept: progress.kept + 1 } : { notKept: progress.notKept + 1 });
      pending--;
      pendingBytes -= bytes.length;
      connection.send({ type: 'stored', id, kept });
    });
  };

  const onControl = async (message: NearbyMessage) => {
    switch (message.type) {
      case 'manifest': {
        if (manifest) return finish(new NearbyError('protocol'));
        if (message.version !== NEARBY_PROTOCOL_VERSION) return finish(new NearbyError('other-version'));
        manifest = new Map(message.items.map((item) => [item.id, item.revision]));
        const held = await storedRevisions([...manifest.keys()]);
        const here = [...held].filter(([id, revision]) => revision >= manifest!.get(id)!).map(([id]) => id);
        const told = tellWhatIsHere ? here : here.filter((id) => receivedThisVisit.has(id));
        report({ offered: manifest.size, alreadyThere: here.length, toSend: manifest.size - told.length });
        connection.send({ type: 'have', ids: told });
        return;
      }
      case 'bundle':
        if (!manifest?.has(message.id) || current || message.bytes > MAX_IMPORT_BYTES) return finish(new NearbyError('protocol'));
        // A sender that ignores the window would have this phone hold bundle after bundle in memory.
        if (pending > 0 && (pending >= MAX_UNACKNOWLEDGED_BUNDLES || pendingBytes + message.bytes > MAX_UNACKNOWLEDGED_BYTES))
          return finish(new NearbyError('protocol'));
        pending++;
        pendingBytes += message.bytes;
        current = { id: message.id, bytes: new Uint8Array(message.bytes), filled: 0 };
        return;
      case 'skipped':
        report({ notKept: progress.notKept + 1 });
        return;
      case 'done':
        await imports;
        return finish();
      case 'cancel':
        return finish(new NearbyError('cancelled-there'));
      default:
        return finish(new NearbyError('protocol'));
    }
  };

  const unsubscribe = [
    connection.onMessage((message) => {
      if (!(message instanceof ArrayBuffer)) return void onControl(message);
      if (!current || current.filled + message.byteLength > current.bytes.length) return finish(new NearbyError('protocol'));
      if (current.filled === 0 && !isNearbyBundleFormat(new Uint8Array(message))) return finish(new NearbyError('other-version'));
      current.bytes.set(new Uint8Array(message), current.filled);
      current.filled += message.byteLength;
      timing.firstByteAt ||= performance.now();
      timing.lastByteAt = performance.now();
      timing.bytes += message.byteLength;
      report({ bytes: progress.bytes + message.byteLength, bytesPerSecond: meter.add(progress.bytes + message.byteLength) });
      if (current.filled === current.bytes.length) {
        importWhole(current.id, current.bytes);
        current = undefined;
      }
    }),
    connection.onDrop(() => finish(new NearbyError(connection.unreadable ? 'protocol' : 'dropped'))),
  ];
  const onAbort = () => {
    connection.send({ type: 'cancel' });
    finish(new NearbyError('cancelled-here'));
  };
  signal?.addEventListener('abort', onAbort);

  const error = await ended;
  unsubscribe.forEach((stop) => stop());
  signal?.removeEventListener('abort', onAbort);
  // Whole bundles still waiting are imported: they arrived complete. A part-filled one is dropped.
  current = undefined;
  await imports;
  const reportText: ImportReport = {
    source,
    outcomes,
    ...(errors.length > 0 && outcomes.length === 0 ? { error: errors[0]! } : {}),
    ...(countsLeft.length > 0 ? { countRest: async () => void (await Promise.all(countsLeft.map((count) => count()))) } : {}),
  };
  return { progress, report: reportText, timing, ...(error ? { error } : {}) };
}
