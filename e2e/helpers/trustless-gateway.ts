import { createServer, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { CarBlockIterator } from '@ipld/car/iterator';
import { CarWriter } from '@ipld/car/writer';
import * as dagPb from '@ipld/dag-pb';
import { CID } from 'multiformats/cid';
import { resolvePath } from '../../src/shared/ipfs/unixfs-file.ts';

/** How a test gateway behaves: serves what it holds, alters one byte of every block, or never answers. */
export type GatewayBehaviour = 'good' | 'altering' | 'silent';

/**
 * An IPFS trustless gateway on loopback (specs.ipfs.tech/http-gateways/trustless-gateway), serving
 * the blocks of the CAR files it is given: `GET /ipfs/<cid>[/path]` as `?format=raw` (or `Accept:
 * application/vnd.ipld.raw`) for one block, as `?format=car` (or `Accept:
 * application/vnd.ipld.car`) for the path's blocks and the whole DAG under it, and `GET
 * /ipns/<name>?format=ipns-record` for a signed IPNS record, with `Access-Control-Allow-Origin: *`
 * as public gateways send it. It counts what it is asked for.
 */
export class TrustlessGateway {
  readonly asked: string[] = [];
  /** The bytes of every answer's body, for a benchmark. */
  bytesSent = 0;
  private readonly blocks = new Map<string, Uint8Array>();
  private readonly records = new Map<string, Uint8Array>();
  private server?: Server;

  private constructor(
    private readonly behaviour: GatewayBehaviour,
    private port = 0,
  ) {}

  static async start(behaviour: GatewayBehaviour = 'good'): Promise<TrustlessGateway> {
    const gateway = new TrustlessGateway(behaviour);
    const server = createServer((req, res) => {
      gateway.asked.push(req.url ?? '');
      if (gateway.behaviour === 'silent') return; // takes the request, never answers
      void gateway.answer(req.url ?? '/', req.headers.accept ?? '', res).catch((error: unknown) => {
        res.writeHead(500, { 'access-control-allow-origin': '*' }).end(String(error));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    gateway.server = server;
    gateway.port = (server.address() as { port: number }).port;
    return gateway;
  }

  /** The gateway's address, as a reader lists it: no trailing slash. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Adds every block of a CAR file; resolves with its root. */
  async addCar(car: Uint8Array): Promise<CID> {
    const blocks = await CarBlockIterator.fromBytes(car);
    for await (const { cid, bytes } of blocks) this.blocks.set(cid.toString(), new Uint8Array(bytes));
    const [root] = await blocks.getRoots();
    return CID.decode(root!.bytes);
  }

  /** Serves `record` (a marshalled IPNS record) for `name`, replacing what it served before. */
  putRecord(name: string, record: Uint8Array): void {
    this.records.set(name, record);
  }

  private block(cid: CID): Uint8Array {
    const bytes = this.blocks.get(cid.toString());
    if (!bytes) throw Object.assign(new Error(`no block ${cid.toString()}`), { status: 404 });
    if (this.behaviour !== 'altering' || bytes.length === 0) return bytes;
    const altered = new Uint8Array(bytes);
    altered[altered.length - 1]! ^= 1;
    return altered;
  }

  private reachable(cid: CID, into: CID[]): void {
    into.push(cid);
    if (cid.code !== dagPb.code) return;
    for (const link of dagPb.decode(this.blocks.get(cid.toString())!).Links) this.reachable(link.Hash, into);
  }

  private async answer(url: string, accept: string, res: ServerResponse): Promise<void> {
    const { pathname, searchParams } = new URL(url, 'http://gateway');
    const cors = { 'access-control-allow-origin': '*' };
    const [, namespace, root, ...path] = pathname.split('/').map(decodeURIComponent);
    const format = searchParams.get('format') ?? (accept.includes('vnd.ipld.car') ? 'car' : accept.includes('vnd.ipld.raw') ? 'raw' : '');
    if (namespace === 'ipns') {
      const record = this.records.get(root ?? '');
      if (format !== 'ipns-record' || !record) return void res.writeHead(404, cors).end();
      this.bytesSent += record.length;
      return void res.writeHead(200, { ...cors, 'content-type': 'application/vnd.ipfs.ipns-record' }).end(record);
    }
    if (namespace !== 'ipfs' || !root) return void res.writeHead(404, cors).end();
    try {
      const top = CID.parse(root);
      const along: CID[] = [];
      const target = await resolvePath(top, path, (cid) => {
        along.push(cid);
        return Promise.resolve(this.blocks.get(cid.toString()) ?? new Uint8Array(0));
      });
      if (format === 'raw') {
        const block = this.block(target);
        this.bytesSent += block.length;
        return void res.writeHead(200, { ...cors, 'content-type': 'application/vnd.ipld.raw' }).end(block);
      }
      if (format === 'car') {
        const cids = [...along];
        this.reachable(target, cids);
        const { writer, out } = CarWriter.create([top]);
        res.writeHead(200, { ...cors, 'content-type': 'application/vnd.ipld.car; version=1' });
        const sending = (async () => {
          for await (const chunk of out) {
            this.bytesSent += chunk.length;
            res.write(chunk);
          }
          res.end();
        })();
        for (const cid of cids) await writer.put({ cid, bytes: this.block(cid) });
        await writer.close();
        return sending;
      }
      // A trustless gateway serves nothing else: no deserialized files, no HTML.
      res.writeHead(406, cors).end();
    } catch (error) {
      res.writeHead((error as { status?: number }).status ?? 404, cors).end();
    }
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
