import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import sirv from 'sirv';
import { freePort } from './app-server.ts';

/**
 * A publisher's mirror on loopback: a static folder served with the headers real mirrors send
 * (cross-origin reads allowed). It can be slowed down, stopped and started again, and it counts
 * what it serves.
 */
export class Mirror {
  readonly served: string[] = [];
  private server?: Server;
  /** Milliseconds to wait before answering for an article bundle. */
  delayMs = 0;

  private constructor(
    readonly port: number,
    public dir: string,
  ) {}

  /** A mirror on a port of its own; `start()` it, or leave it down. */
  static async at(dir: string): Promise<Mirror> {
    return new Mirror(await freePort(), dir);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const files = sirv(this.dir, {
      dev: true,
      setHeaders: (res) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cache-Control', 'no-cache');
      },
    });
    this.server = createServer((req, res) => {
      this.served.push(req.url ?? '');
      const reply = () => files(req, res, () => {
        res.statusCode = 404;
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.end();
      });
      if (this.delayMs > 0 && req.url?.startsWith('/articles/')) setTimeout(reply, this.delayMs);
      else reply();
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
}
