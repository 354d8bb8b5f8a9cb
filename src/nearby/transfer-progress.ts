/** How a Nearby transfer stands, as both phones show it. */
export interface TransferProgress {
  /** Articles the sender offered. */
  offered: number;
  /** Of those, the ones the receiver already held: not sent. */
  alreadyThere: number;
  /** Articles to send this time (offered less those already there). */
  toSend: number;
  /** Articles that arrived, were checked and are in the receiver's library now. */
  kept: number;
  /** Articles that arrived but were refused (a bad signature), or that the sender had to skip. */
  notKept: number;
  /** Bundle bytes carried so far. */
  bytes: number;
  bytesPerSecond: number;
}

export const NO_PROGRESS: TransferProgress = { offered: 0, alreadyThere: 0, toSend: 0, kept: 0, notKept: 0, bytes: 0, bytesPerSecond: 0 };

/** The rate over the last few seconds, so that the figure follows the network as it changes. */
export class SpeedMeter {
  private readonly samples: Array<{ at: number; bytes: number }> = [];

  constructor(private readonly windowMs = 3_000) {}

  add(total: number, at = performance.now()): number {
    this.samples.push({ at, bytes: total });
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const seconds = (at - first.at) / 1000;
    return seconds > 0.2 ? (total - first.bytes) / seconds : 0;
  }
}
