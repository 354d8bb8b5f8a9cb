/** A failure the command reports in one line and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes: 0 success, 1 the work failed (or did not verify), 2 the command was used wrongly. */
export const USAGE = 2;
