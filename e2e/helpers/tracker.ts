import { createServer, type Server } from 'node:http';
import { once } from 'node:events';

/**
 * A "tracker": a server on another origin that counts every request it gets. Attack vectors point
 * at it, so any request that leaves the app, whatever the browser reports, shows up here.
 */
export class Tracker {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly requests: string[],
  ) {}

  static async start(): Promise<Tracker> {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Content-Type', 'image/gif');
      res.end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return new Tracker(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
