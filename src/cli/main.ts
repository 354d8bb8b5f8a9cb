import { CliError, USAGE } from './cli-error.ts';
import type { Command } from './command.ts';
import { checkMirror } from './commands/check-mirror.ts';
import { edition } from './commands/edition.ts';
import { keygen } from './commands/keygen.ts';
import { pack } from './commands/pack.ts';
import { serve } from './commands/serve.ts';
import { verify } from './commands/verify.ts';

const COMMANDS: Command[] = [keygen, pack, edition, verify, serve, checkMirror];

const HELP = `Usage: pamphlet COMMAND [OPTIONS]

Turns web pages and feeds into signed Pamphlet bundles and mirror-ready editions.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(12)} ${command.summary}`).join('\n')}

Run pamphlet COMMAND --help for a command's options. See docs/publishing.md.`;

/** Runs the command line and resolves with the exit code; errors end as one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : USAGE;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  try {
    if (!command) throw new CliError(`Unknown command “${name}”. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`, USAGE);
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(`${command.help}\n`);
      return 0;
    }
    return await command.run(args);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`pamphlet ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // parseArgs reports unknown options and missing values with a code of its own.
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`pamphlet ${name}: ${(error as Error).message} (see pamphlet ${name} --help)\n`);
      return USAGE;
    }
    process.stderr.write(`pamphlet ${name}: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
