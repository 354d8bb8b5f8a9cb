import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * A slow, far link on loopback, as readers have through a VPN, Tor or a throttled mobile network:
 * an HTTP proxy in front of a mirror that holds every request for `latencyMs` before passing it
 * on, and lets answers through at `bitsPerSecond` in all (one link, shared by every connection).
 * It counts the requests and the bytes the reader received.
 */
export class ThrottledLink {
  requests = 0;
  bytes = 0;
  /** Bytes received, by the path asked for. */
  readonly bytesByPath = new Map<string, number>();
  url = '';
  private nextFree = 0;
  private server?: Server;

  static async inFrontOf(upstream: string, latencyMs: number, bitsPerSecond: number): Promise<ThrottledLink> {
    const target = new URL(upstream);
    const link = new ThrottledLink();
    const server = createServer((req, res) => {
      link.requests++;
      setTimeout(() => {
        const forward = request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (answer: IncomingMessage) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(link.throttle(bitsPerSecond, req.url ?? '')).pipe(res);
          },
        );
        forward.on('error', () => res.destroy());
        res.on('close', () => forward.destroy());
        req.pipe(forward);
      }, latencyMs);
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    link.server = server;
    link.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    return link;
  }

  /** Passes bytes on no faster than the link's rate, in turn with every other answer on it. */
  private throttle(bitsPerSecond: number, path: string): Transform {
    const bytesPerMs = bitsPerSecond / 8 / 1000;
    return new Transform({
      transform: (chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) => {
        const start = Math.max(this.nextFree, Date.now());
        this.nextFree = start + chunk.length / bytesPerMs;
        setTimeout(
          () => {
            this.bytes += chunk.length;
            this.bytesByPath.set(path, (this.bytesByPath.get(path) ?? 0) + chunk.length);
            done(null, chunk);
          },
          Math.max(0, this.nextFree - Date.now()),
        );
      },
    });
  }

  reset(): void {
    this.requests = 0;
    this.bytes = 0;
    this.bytesByPath.clear();
  }

  close(): void {
    this.server?.closeAllConnections();
    this.server?.close();
  }
}
