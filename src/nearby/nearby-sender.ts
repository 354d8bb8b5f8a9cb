import { encodeNearbyBundle } from '../shared/nearby/nearby-bundle.ts';
import {
  MAX_MANIFEST_ITEMS,
  MAX_UNACKNOWLEDGED_BUNDLES,
  MAX_UNACKNOWLEDGED_BYTES,
  NEARBY_PROTOCOL_VERSION,
  type ManifestItem,
  type NearbyMessage,
} from '../shared/nearby/nearby-protocol.ts';
import { loadArticles } from '../export/export-articles.ts';
import { MAX_IMPORT_BYTES } from '../import/import-limits.ts';
import { storedRevisions } from '../browser/storage/sources.ts';
import type { NearbyConnection } from './nearby-connection.ts';
import { NearbyError } from './nearby-error.ts';
import { NO_PROGRESS, SpeedMeter, type TransferProgress } from './transfer-progress.ts';

export interface TransferOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
}

/**
 * Sends articles over an open channel (docs/nearby.md): the manifest first; then, one bundle per
 * article, only those the other phone lacks, each followed by its bytes; at most a few megabytes
 * ahead of what the other phone has checked and stored. Resolves once every bundle is stored
 * there; rejects with a `NearbyError` when the channel drops or either side cancels.
 */
export async function sendArticles(
  connection: NearbyConnection,
  ids: readonly string[],
  { signal, onProgress }: TransferOptions = {},
): Promise<TransferProgress> {
  const revisions = await storedRevisions(ids.slice(0, MAX_MANIFEST_ITEMS));
  const items: ManifestItem[] = [...revisions].map(([id, revision]) => ({ id, revision }));
  const inbox = new SenderInbox(connection, signal);
  try {
    connection.send({ type: 'manifest', version: NEARBY_PROTOCOL_VERSION, items });
    const have = new Set((await inbox.until('have')).ids);
    const missing = items.filter((item) => !have.has(item.id));
    const meter = new SpeedMeter();
    let progress: TransferProgress = {
      ...NO_PROGRESS,
      offered: items.length,
      alreadyThere: items.length - missing.length,
      toSend: missing.length,
    };
    const report = (change: Partial<TransferProgress>) => {
      progress = { ...progress, ...change };
      onProgress?.(progress);
    };
    report({});
    inbox.onStored = (kept) => report(kept ? { kept: progress.kept + 1 } : { notKept: progress.notKept + 1 });
    for (const item of missing) {
      const { articles, images } = await loadArticles([item.id]);
      const bytes = articles.length > 0 ? await encodeNearbyBundle(articles, images) : undefined;
      if (!bytes || bytes.length > MAX_IMPORT_BYTES) {
        connection.send({ type: 'skipped', id: item.id });
        report({ notKept: progress.notKept + 1 });
        continue;
      }
      await inbox.whenRoomFor(bytes.length);
      connection.send({ type: 'bundle', id: item.id, bytes: bytes.length });
      inbox.sent(item.id, bytes.length);
      await Promise.race([
        connection.sendBytes(bytes, (sent) => report({ bytes: progress.bytes + sent, bytesPerSecond: meter.add(progress.bytes + sent) })),
        inbox.failure,
      ]);
    }
    connection.send({ type: 'done' });
    await inbox.whenAllStored();
    return progress;
  } finally {
    inbox.stop();
  }
}

/** What the receiver answers, and the window of bundles sent but not yet stored over there. */
class SenderInbox {
  readonly failure: Promise<never>;
  onStored?: (kept: boolean) => void;
  private fail!: (error: NearbyError) => void;
  private readonly waiting = new Map<string, number>();
  private waitingBytes = 0;
  private wake?: () => void;
  private readonly unsubscribe: Array<() => void> = [];
  private last?: NearbyMessage;

  constructor(connection: NearbyConnection, signal?: AbortSignal) {
    this.failure = new Promise((_, reject) => (this.fail = reject));
    this.failure.catch(() => undefined);
    this.unsubscribe.push(
      connection.onMessage((message) => {
        if (message instanceof ArrayBuffer) return this.fail(new NearbyError('protocol'));
        if (message.type === 'cancel') return this.fail(new NearbyError('cancelled-there'));
        if (message.type === 'stored') {
          const bytes = this.waiting.get(message.id);
          if (bytes === undefined) return;
          this.waiting.delete(message.id);
          this.waitingBytes -= bytes;
          this.onStored?.(message.kept);
        }
        this.last = message;
        this.wake?.();
      }),
      connection.onDrop(() => this.fail(new NearbyError(connection.unreadable ? 'protocol' : 'dropped'))),
    );
    const onAbort = () => {
      connection.send({ type: 'cancel' });
      this.fail(new NearbyError('cancelled-here'));
    };
    signal?.addEventListener('abort', onAbort);
    this.unsubscribe.push(() => signal?.removeEventListener('abort', onAbort));
    if (signal?.aborted) onAbort();
  }

  sent(id: string, bytes: number): void {
    this.waiting.set(id, bytes);
    this.waitingBytes += bytes;
  }

  /** The latest message once it is of this kind (the manifest's answer is the only one awaited). */
  async until<T extends NearbyMessage['type']>(type: T): Promise<Extract<NearbyMessage, { type: T }>> {
    await this.condition(() => this.last?.type === type);
    return this.last as Extract<NearbyMessage, { type: T }>;
  }

  /** One bundle may always be in flight, however large; more only within the window. */
  whenRoomFor(bytes: number): Promise<void> {
    return this.condition(
      () =>
        this.waiting.size === 0 ||
        (this.waiting.size < MAX_UNACKNOWLEDGED_BUNDLES && this.waitingBytes + bytes <= MAX_UNACKNOWLEDGED_BYTES),
    );
  }

  whenAllStored(): Promise<void> {
    return this.condition(() => this.waiting.size === 0);
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  private async condition(test: () => boolean): Promise<void> {
    while (!test()) {
      await Promise.race([new Promise<void>((resolve) => (this.wake = resolve)), this.failure]);
    }
  }
}
