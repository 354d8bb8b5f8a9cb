import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import sirv from 'sirv';
import { freePort } from './app-server.ts';

/**
 * A publisher's mirror on loopback: a static folder served with the headers real mirrors send
 * (cross-origin reads allowed). It can be slowed down, stopped and started again, made to redirect
 * every request elsewhere, and it counts what it is asked for.
 */
export class Mirror {
  readonly served: string[] = [];
  private server?: Server;
  /** Milliseconds to wait before answering for an article bundle. */
  delayMs = 0;
  /** When set, every request is answered with a redirect to the same path under this address. */
  redirectTo?: string;
  /** When set, answers the requests it returns true for itself (a cut connection, say). */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** The Range header of each request, by its place in `served` (undefined when none). */
  readonly ranges: (string | undefined)[] = [];

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
      this.ranges.push(req.headers.range);
      if (this.intercept?.(req, res)) return;
      if (this.redirectTo) {
        // With cross-origin reads allowed, as a hostile mirror would send it: the browser then sees the redirect.
        res.writeHead(302, { location: new URL(`.${req.url ?? '/'}`, this.redirectTo).href, 'access-control-allow-origin': '*' });
        res.end();
        return;
      }
      const reply = () =>
        files(req, res, () => {
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
