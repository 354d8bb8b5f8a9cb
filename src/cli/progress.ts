/**
 * Progress for long runs: a bar redrawn in place on a terminal, plain lines otherwise (a CI log).
 * Written to stderr, so that stdout stays for results.
 */
export class Progress {
  private done = 0;
  private readonly tty: boolean;

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY) && !process.env.CI;
  }

  step(detail: string): void {
    this.done++;
    if (!this.tty) {
      this.stream.write(`${this.label} ${this.done}/${this.total}: ${detail}\n`);
      return;
    }
    const width = 24;
    const filled = Math.round((this.done / Math.max(1, this.total)) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const columns = this.stream.columns || 80;
    const line = `${this.label} ${bar} ${this.done}/${this.total} ${detail}`;
    this.stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
    if (this.done === this.total) this.stream.write('\n');
  }

  /** A warning that should not be lost in the bar. */
  warn(message: string): void {
    this.stream.write(`${this.tty ? '\r\x1b[K' : ''}warning: ${message}\n`);
  }
}
