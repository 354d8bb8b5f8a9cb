#!/usr/bin/env node
// The publisher's command. It runs the TypeScript sources directly (through tsx), so that it is
// always the same codec as the app's: src/shared/.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
