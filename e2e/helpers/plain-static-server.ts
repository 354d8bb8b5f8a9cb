import { once } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { lookup } from 'mrmime';
import { freePort } from './app-server.ts';

/**
 * A static host that knows nothing of Pamphlet, as a CDN, a Pages site or an object store is:
 * each mounted folder's files under its path prefix, with their content type, and 404 for
 * anything else. No fallback to index.html, no Content-Security-Policy header (the page carries
 * its own as a meta element), no precompressed files.
 */
export class PlainStaticServer {
  private server?: Server;
  private readonly mounts = new Map<string, string>();

  private constructor(readonly port: number) {}

  get origin(): string {
    return `http://localhost:${this.port}`;
  }

  /** `mounts`: path prefix (`/mirrors/news/pamphlet/`) → folder. */
  static async start(mounts: Record<string, string>): Promise<PlainStaticServer> {
    const server = new PlainStaticServer(await freePort());
    for (const [prefix, dir] of Object.entries(mounts)) server.mounts.set(prefix, dir);
    await server.restart();
    return server;
  }

  /** Serves `dir` under `prefix` from now on (a new deployment). */
  mount(prefix: string, dir: string): void {
    this.mounts.set(prefix, dir);
  }

  async restart(): Promise<void> {
    await this.stop();
    const server = createServer((req, res) => {
      void this.fileFor(new URL(req.url ?? '/', this.origin).pathname).then((file) => {
        if (!file) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' }).end(file.bytes);
      });
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
  }

  /** Stops listening and drops open connections: to the browser, the host is gone. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }

  private async fileFor(pathname: string): Promise<{ bytes: Buffer; type: string } | undefined> {
    for (const [prefix, dir] of this.mounts) {
      if (!pathname.startsWith(prefix)) continue;
      const relative = normalize(decodeURIComponent(pathname.slice(prefix.length)) || 'index.html');
      if (relative.startsWith('..') || relative.split(sep).some((part) => part.startsWith('.'))) return undefined;
      let path = join(dir, relative);
      if ((await stat(path).catch(() => undefined))?.isDirectory()) path = join(path, 'index.html');
      const bytes = await readFile(path).catch(() => undefined);
      if (bytes) return { bytes, type: lookup(path) ?? 'application/octet-stream' };
    }
    return undefined;
  }
}
