import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './helpers/app-server.ts';
import { importReport, importThroughPicker, libraryItem, trustInReport } from './helpers/bundles.ts';
import { test, expect } from './helpers/fixtures.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';

const run = promisify(execFile);

/** The publisher's command, as a newsroom runs it. */
async function pamphlet(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [`${ROOT}bin/pamphlet.mjs`, ...args], { cwd });
    return { code: 0, stdout };
  } catch (error) {
    return { code: (error as { code: number }).code, stdout: (error as { stdout: string }).stdout };
  }
}

test.describe('one codec, one truth', () => {
  let work = '';
  test.beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'pamphlet-publisher-'));
  });
  test.afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  test('a bundle the command signs imports as Verified once its key is trusted', async ({ page }) => {
    const paragraphs = Array.from(
      { length: 5 },
      (_, n) => `<p>Paragraph ${n + 1} of the newsroom's report on the court hearing, with enough words.</p>`,
    ).join('');
    await writeFile(
      join(work, 'report.html'),
      `<!doctype html><html lang="ru"><head><title>Court hearing report from the newsroom today</title></head><body><article><h1>Court hearing report from the newsroom today</h1>${paragraphs}</article></body></html>`,
    );
    const keygen = await pamphlet(work, 'keygen', '--out', 'newsroom.pem');
    const fingerprint = /fingerprint: (.+)/.exec(keygen.stdout)![1]!;
    expect((await pamphlet(work, 'pack', 'report.html', '--key', 'newsroom.pem', '--out', 'report-bundle.html')).code).toBe(0);

    await page.goto('/');
    await importThroughPicker(page, [
      { name: 'report-bundle.html', mimeType: 'text/html', buffer: await readFile(join(work, 'report-bundle.html')) },
    ]);
    const report = importReport(page);
    await expect(report).toContainText(`Unknown publisher · key ${fingerprint}`);
    await trustInReport(page, 'The Newsroom');
    const item = libraryItem(page, 'Court hearing report from the newsroom today');
    await expect(item).toContainText('Verified · signed by The Newsroom');
    await expect(item).toContainText('Russian');
  });

  test('a bundle the app exports verifies with the command, and a changed one does not', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: SAMPLE_TITLE }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const path = join(work, 'exported.html');
    await (await downloading).saveAs(path);
    const verified = await pamphlet(work, 'verify', 'exported.html');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`ok       exported.html: “${SAMPLE_TITLE}”: signed by`);
    expect(verified.stdout).not.toContain('note');

    // Changing what people see without the app is flagged; changing the signed payload fails.
    const original = await readFile(path, 'utf8');
    await writeFile(path, original.replace('walked out of the emergency meeting', 'stayed in the emergency meeting'));
    const changedView = await pamphlet(work, 'verify', 'exported.html');
    expect(changedView.stdout).toContain('note     exported.html: the part shown without the app is not what its signed articles say');
    const payloadAt = original.indexOf('<script type="application/json"');
    await writeFile(
      path,
      original.slice(0, payloadAt) +
        original.slice(payloadAt).replace('walked out of the emergency meeting', 'stayed in the emergency meeting'),
    );
    const changed = await pamphlet(work, 'verify', 'exported.html');
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`FAILED   exported.html: “${SAMPLE_TITLE}”: its signature does not match its content`);
  });
});
