import { execFile } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';

export const BIN = fileURLToPath(new URL('../../bin/pamphlet.mjs', import.meta.url));
const run = promisify(execFile);

/** Runs the command in `cwd` as a user would; resolves with its exit code and output, never throws. */
export async function runPamphlet(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CI: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Starts `server` on a free loopback port; resolves with its address, `http://127.0.0.1:PORT`. */
export async function listenOnLoopback(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export const paragraphs = (topic: string) =>
  Array.from(
    { length: 6 },
    (_, n) => `<p>Paragraph ${n + 1} about ${topic}, long enough to be read as the body of a real news article by Readability.</p>`,
  ).join('');

/** A news page Readability takes for an article, with `extra` HTML at the end of its body. */
export function articlePage(title: string, extra = ''): string {
  return `<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>${title} | Test Site</title>
    <meta property="og:site_name" content="Test Site"><meta name="author" content="Olena Test">
    <meta property="article:published_time" content="2025-12-24T08:30:00Z"></head>
    <body><nav>Menu</nav><article><h1>${title}</h1>${paragraphs(title)}${extra}</article></body></html>`;
}

/** A real PNG, wider than the reading width, of one colour: a different `red` makes a different image. */
export function testPicture(red: number): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1000, channels: 3, background: { r: red, g: 30, b: 30 } } })
    .png()
    .toBuffer();
}
