/** One subcommand of `pamphlet`: its help, and what it does with its arguments. */
export interface Command {
  name: string;
  summary: string;
  /** The whole `--help` text. */
  help: string;
  /** Resolves with the exit code. */
  run(args: string[]): Promise<number>;
}
