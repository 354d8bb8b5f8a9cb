import { main } from './main.ts';

// The command's entry point: the package's bin is this file built to JavaScript
// (scripts/build-cli.mjs), and bin/pamphlet.mjs runs it from the sources in a checkout.
process.exitCode = await main(process.argv.slice(2));
