import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { get, type IncomingMessage } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { BIN } from './helpers/pamphlet-cli.ts';

// The two static servers, `npm start`'s (server/serve.mjs, as start.mjs configures it) and
// `pamphlet serve`, while the files they serve change under them, as a mirror's do when it is
// updated in place. Each runs as its own process, as it does for real: a crash is a dead process.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIG_BYTES = 32 * 1024 * 1024;

interface Running {
  url: string;
  child: ChildProcess;
  output: string;
}

async function startServer(args: string[], ready: RegExp): Promise<Running> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const running: Running = { url: '', child, output: '' };
  await new Promise<void>((resolve, reject) => {
    const onData = (data: Buffer) => {
      running.output += data.toString();
      const match = ready.exec(running.output);
      if (match) {
        running.url = match[1]!;
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`the server exited: ${running.output}`)));
  });
  return running;
}

async function assertStillServing(server: Running): Promise<void> {
  const response = await fetch(`${server.url}/index.html`).catch((error: Error) =>
    assert.fail(`the server is gone (${error.message}): ${server.output}`),
  );
  assert.equal(response.status, 200);
  assert.match(await response.text(), /The app/);
  assert.equal(server.child.exitCode, null, server.output);
}

/** A response whose body is not read until asked: the server is held back once the socket is full. */
function requestHeld(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, resolve).on('error', reject));
}

const SERVERS = [
  { name: 'npm start’s server', args: (dir: string) => ['server/serve.mjs', dir, '--port', '0'], ready: /Serving (http:\/\/\S+?)\/ from/ },
  { name: 'pamphlet serve', args: (dir: string) => [BIN, 'serve', dir, '--port', '0'], ready: /at (http:\/\/localhost:\d+)\// },
];

for (const { name, args, ready } of SERVERS) {
  describe(name, () => {
    let dir = '';
    let server: Running;

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pamphlet-static-'));
      await writeFile(join(dir, 'index.html'), '<!doctype html><title>The app</title>');
      await writeFile(join(dir, 'gone.txt'), 'soon gone');
      await writeFile(join(dir, 'notes.txt'), 'short');
      await writeFile(join(dir, 'big.bin'), Buffer.alloc(BIG_BYTES, 7));
      // Opens, and says it is a file, but every read fails (EIO).
      await symlink('/proc/self/mem', join(dir, 'unreadable.txt'));
      server = await startServer(args(dir), ready);
    });

    after(async () => {
      server.child.kill();
      await rm(dir, { recursive: true, force: true });
    });

    test('a file removed after start-up is a 404, and the server goes on', async () => {
      assert.equal(await (await fetch(`${server.url}/gone.txt`)).text(), 'soon gone');
      await rm(join(dir, 'gone.txt'));
      const response = await fetch(`${server.url}/gone.txt`).catch((error: Error) =>
        assert.fail(`no answer (${error.message}): ${server.output}`),
      );
      assert.equal(response.status, 404);
      await assertStillServing(server);
    });

    test('a file rewritten in place is sent as it is now: its length, bytes and ETag', async () => {
      const before = await fetch(`${server.url}/notes.txt`);
      assert.equal(await before.text(), 'short');
      const text = 'rewritten in place, and longer than it was';
      await writeFile(join(dir, 'notes.txt'), text);
      const after = await fetch(`${server.url}/notes.txt`);
      assert.equal(after.headers.get('content-length'), String(text.length));
      assert.notEqual(after.headers.get('etag'), before.headers.get('etag'));
      assert.equal(await after.text(), text);
      await assertStillServing(server);
    });

    test('a file that opens but cannot be read ends its own response, not the server', async () => {
      await fetch(`${server.url}/unreadable.txt`)
        .then((response) => response.arrayBuffer())
        .catch(() => undefined);
      await assertStillServing(server);
    });

    test('a file cut short while it is being sent ends that response, cut, and not the server', async () => {
      const response = await requestHeld(`${server.url}/big.bin`);
      assert.equal(response.headers['content-length'], String(BIG_BYTES));
      await truncate(join(dir, 'big.bin'), 1024);
      let received = 0;
      const whole = await (async () => {
        for await (const chunk of response) received += (chunk as Buffer).length;
        return true;
      })().catch(() => false);
      assert.equal(whole, false, `${received} bytes of ${BIG_BYTES} ended as if they were the whole file`);
      await assertStillServing(server);
    });
  });
}

describe('npm start’s server, over a small app folder', () => {
  let dir = '';
  let server: Running;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pamphlet-static-app-'));
    const site = join(dir, 'site');
    await mkdir(site);
    await writeFile(join(dir, 'beside.txt'), 'beside the folder served');
    await writeFile(join(site, 'index.html'), '<!doctype html><title>The app</title>');
    await writeFile(join(site, 'app-ABCD1234.js'), 'console.log("app")');
    await writeFile(join(site, 'app-ABCD1234.js.br'), brotliCompressSync('console.log("app")'));
    await writeFile(join(site, '.secret'), 'not for the web');
    server = await startServer(['server/serve.mjs', site, '--port', '0'], /Serving (http:\/\/\S+?)\/ from/);
  });

  after(async () => {
    server.child.kill();
    await rm(dir, { recursive: true, force: true });
  });

  test('keeps its headers, its precompressed files, its index.html, and its 404s', async () => {
    const script = await fetch(`${server.url}/app-ABCD1234.js`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(script.headers.get('content-encoding'), 'br');
    assert.equal(script.headers.get('vary'), 'Accept-Encoding');
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(script.headers.get('cache-control') ?? '', /immutable/);
    assert.match(script.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(await script.text(), 'console.log("app")');
    const plain = await fetch(`${server.url}/app-ABCD1234.js`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    const index = await fetch(`${server.url}/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    assert.match(await index.text(), /The app/);
    // No fallback: the app's screens are its folder with a query.
    assert.equal((await fetch(`${server.url}/read/abc`)).status, 404);
    const etag = index.headers.get('etag')!;
    assert.equal((await fetch(`${server.url}/`, { headers: { 'if-none-match': etag } })).status, 304);
    const missing = await fetch(`${server.url}/gone-ABCD1234.js`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.doesNotMatch(await (await fetch(`${server.url}/.secret`)).text(), /not for the web/);
    // Sent as it is (fetch would resolve the dots itself): an encoded slash must not climb out.
    let climbed = '';
    for await (const chunk of await requestHeld(`${server.url}/..%2fbeside.txt`)) climbed += String(chunk);
    assert.doesNotMatch(climbed, /beside the folder/);
  });
});
