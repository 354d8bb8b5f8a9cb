import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './app-server.ts';

const run = promisify(execFile);

/** A newsroom's working folder: its key, its pages, and the `pamphlet` command run as it would be. */
export class Newsroom {
  private pages = 0;
  /** What the last `edition` run printed: its summary of what it added, corrected and kept. */
  lastOutput = '';

  private constructor(readonly dir: string) {}

  static async create(): Promise<Newsroom> {
    const newsroom = new Newsroom(await mkdtemp(join(tmpdir(), 'pamphlet-newsroom-')));
    await newsroom.pamphlet('keygen', '--out', 'key.pem');
    return newsroom;
  }

  async pamphlet(...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [`${ROOT}bin/pamphlet.mjs`, ...args], {
      cwd: this.dir,
      env: { ...process.env, CI: '1' },
    });
    return stdout;
  }

  /**
   * Writes `count` article pages and returns their file names. Each is dated 2026-02-<number>, or
   * has no date at all; with `site`, each names its canonical address there (`<site>reports/<number>`),
   * as a newsroom's pages do, so that a page corrected later is the same article.
   */
  async writePages(count: number, topic = 'the city council', { dated = true, site = '' } = {}): Promise<string[]> {
    const names: string[] = [];
    for (let made = 0; made < count; made++) {
      const number = ++this.pages;
      const title = `Report number ${number} on ${topic} for our readers`;
      const body = Array.from(
        { length: 5 },
        (_, n) => `<p>Paragraph ${n + 1} of report ${number}: what happened at ${topic}, told in enough words to be an article.</p>`,
      ).join('');
      const name = `page-${number}.html`;
      await writeFile(
        join(this.dir, name),
        `<!doctype html><html lang="en"><head><title>${title}</title>${dated ? `<meta property="article:published_time" content="2026-02-${String(number).padStart(2, '0')}T08:00:00Z">` : ''}${site ? `<link rel="canonical" href="${site}reports/${number}">` : ''}</head><body><article><h1>${title}</h1>${body}</article></body></html>`,
      );
      names.push(name);
    }
    return names;
  }

  /**
   * Corrects a page as an editor would: the first `wrong` in its text becomes `right`, and its
   * metadata says when (`article:modified_time`). Resolves with that time.
   */
  async correctPage(name: string, wrong: string, right: string): Promise<string> {
    const path = join(this.dir, name);
    const html = await readFile(path, 'utf8');
    if (!html.includes(wrong)) throw new Error(`${name} does not say “${wrong}”.`);
    const correctedAt = new Date().toISOString();
    await writeFile(
      path,
      html.replace(wrong, right).replace('</head>', `<meta property="article:modified_time" content="${correctedAt}"></head>`),
    );
    return correctedAt;
  }

  /** Runs `pamphlet edition` into `folder` (in the newsroom's directory) and returns its path. */
  /** Runs `pamphlet edition`; with `pack: false`, as an edition made before packs (article files only). */
  async edition(folder: string, pages: string[], mirrors: string[], name = 'City Desk', { pack = true } = {}): Promise<string> {
    this.lastOutput = await this.pamphlet(
      'edition',
      ...pages,
      '--key',
      'key.pem',
      '--out',
      folder,
      '--name',
      name,
      ...mirrors.flatMap((mirror) => ['--mirror', mirror]),
      ...(pack ? [] : ['--no-pack']),
    );
    return join(this.dir, folder);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** A copy of a folder, for a mirror that will serve something else than the publisher's latest. */
  async copy(from: string, to: string): Promise<string> {
    await cp(join(this.dir, from), join(this.dir, to), { recursive: true });
    return join(this.dir, to);
  }
}
