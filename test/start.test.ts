import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP } from '../scripts/build-inputs.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

/** Runs `npm start`'s script until it serves, and returns what it printed. */
async function start(port: number): Promise<string> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env: { ...process.env, PORT: String(port) } });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        output += data.toString();
        if (output.includes('Pamphlet is at')) resolve();
      });
      child.stderr.on('data', (data: Buffer) => (output += data.toString()));
      child.once('exit', () => reject(new Error(`start exited: ${output}`)));
    });
    const response = await fetch(`http://localhost:${port}/`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<pamphlet-app>/);
    return output;
  } finally {
    child.kill();
  }
}

test('npm start builds when dist/ is stale, serves on PORT, and skips the build when dist/ is current', async () => {
  const stamp = `${ROOT}dist/${BUILD_STAMP}`;
  await writeFile(stamp, 'stale').catch(() => undefined);
  const first = await start(await freePort());
  assert.match(first, /dist\/ is missing or out of date: building/);
  assert.notEqual(await readFile(stamp, 'utf8'), 'stale');
  const second = await start(await freePort());
  assert.doesNotMatch(second, /building/);
  assert.match(second, /Pamphlet is at http:\/\/localhost:\d+\//);
});
