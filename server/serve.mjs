/**
 * Serves an already built app folder: `node server/serve.mjs [DIR] [--port N]`.
 * Prints "Serving URL" once it accepts connections. The e2e suite runs it as a child process,
 * so that "offline" means this process is really gone.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { createAppServer, listen } from './server.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' } },
});
const root = resolve(positionals[0] ?? 'dist');
const port = Number(values.port ?? process.env.PORT ?? 8080);
const url = await listen(createAppServer(root), port);
console.log(`Serving ${url}/ from ${root}`);
