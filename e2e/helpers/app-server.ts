import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = `${ROOT}dist`;
/** A second build with another build id, for the update tests (made by the global setup). */
export const NEXT_DIST = `${ROOT}dist-e2e-next`;

/** A free loopback port: each test gets its own origin, so service workers never mix. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/**
 * The real server (server/serve.mjs) in its own process. `stop()` kills the process, so requests
 * fail as they do when a device is offline or a mirror is gone.
 */
export class AppServer {
  private process?: ChildProcess;

  constructor(
    readonly port: number,
    private root: string,
  ) {}

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  static async start(root = DIST, port?: number): Promise<AppServer> {
    const server = new AppServer(port ?? (await freePort()), root);
    await server.restart();
    return server;
  }

  /** Starts serving again, from `root` if given (a new deployment at the same origin). */
  async restart(root = this.root): Promise<void> {
    await this.stop();
    this.root = root;
    const child = spawn(process.execPath, ['server/serve.mjs', root, '--port', String(this.port)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (data: Buffer) => {
        output += data.toString();
        if (output.includes('Serving ')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before serving: ${output}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}
