import { createServer } from 'node:http';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CliError, USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { staticFiles } from '../../../server/static-files.mjs';

/**
 * The headers a mirror needs: readers' apps fetch from other origins, so cross-origin reads are
 * allowed; the index and source must be checked every time, the article files may be cached briefly.
 */
function mirrorHeaders(res: import('node:http').ServerResponse, pathname: string): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', /\.json(\.gz)?$/.test(pathname) ? 'no-cache' : 'public, max-age=300');
}

export const serve: Command = {
  name: 'serve',
  summary: 'serve a folder on loopback, as a mirror would',
  help: `Usage: pamphlet serve DIR [--port N]

Serves DIR at http://localhost:N/ (loopback only) with the headers a mirror needs: cross-origin
reads allowed, the index never cached. For trying an edition out; in production, any static host,
object store or CDN does the same.

Options:
  --port N   the port (default 8081; 0 picks a free one)
  --help     this text`,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { port: { type: 'string' } } });
    const dir = positionals[0];
    if (!dir) throw new CliError('serve needs a DIR (see pamphlet serve --help).', USAGE);
    if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new CliError(`${dir}: no such folder.`);
    const port = Number(values.port ?? 8081);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port ${values.port}: not a port number.`, USAGE);
    const files = staticFiles(dir, { setHeaders: mirrorHeaders });
    const server = createServer((req, res) => {
      if (req.method === 'OPTIONS') {
        mirrorHeaders(res, req.url ?? '/');
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
        res.statusCode = 204;
        res.end();
        return;
      }
      files(req, res, () => {
        mirrorHeaders(res, '/404');
        res.statusCode = 404;
        res.end('Not found');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new CliError(error.code === 'EADDRINUSE' ? `Port ${port} is in use; choose another with --port.` : error.message)),
      );
      server.listen(port, '127.0.0.1', resolve);
    });
    process.stdout.write(`Serving ${dir} at http://localhost:${(server.address() as { port: number }).port}/ (Ctrl+C to stop)\n`);
    await new Promise(() => undefined);
    return 0;
  },
};
