import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Article } from '../../shared/article.ts';
import { BundleError } from '../../shared/bundle/bundle-format.ts';
import { decodeBundle } from '../../shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../../shared/bundle/encode-bundle.ts';
import { INDEX_COPY_FILE, INDEX_FILE, SOURCE_FILE, type EditionIndex, type SourceDescriptor } from '../../shared/edition/edition-format.ts';
import { EditionError, parseEditionIndex, parseSourceDescriptor } from '../../shared/edition/parse-edition.ts';
import { readerApps } from '../../shared/edition/reader-apps.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { englishNote } from '../../shared/note.ts';
import { checkSignature, fingerprintOf } from '../../shared/signing.ts';
import { CliError, USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { readPublicKey } from '../keys.ts';

/** Prints one line per thing checked and counts the failures. */
class Report {
  failures = 0;
  ok(line: string): void {
    process.stdout.write(`ok       ${line}\n`);
  }
  fail(line: string): void {
    this.failures++;
    process.stdout.write(`FAILED   ${line}\n`);
  }
  note(line: string): void {
    process.stdout.write(`note     ${line}\n`);
  }
}

async function checkArticles(articles: Article[], where: string, report: Report, requiredKey?: string): Promise<void> {
  for (const article of articles) {
    const check = await checkSignature(article).catch((error: Error) => ({ status: 'uncheckable' as const, detail: error.message }));
    const label = `${where}: “${article.title}”`;
    if (check.status === 'uncheckable') report.fail(`${label}: ${check.detail}`);
    else if (check.status === 'invalid') report.fail(`${label}: ${englishNote({ code: 'signature', fault: check.fault })}`);
    else if (check.status === 'unsigned') report.fail(`${label}: unsigned`);
    else if (requiredKey && check.key !== requiredKey)
      report.fail(`${label}: signed by ${await fingerprintOf(check.key)}, not by the expected key`);
    else report.ok(`${label}: signed by ${await fingerprintOf(check.key)}`);
  }
}

/** The source descriptors a bundle carries: each must verify and belong to a signer of its articles. */
async function checkPublishers(listed: unknown[], articles: Article[], where: string, report: Report): Promise<SourceDescriptor[]> {
  const signers = new Set(articles.flatMap((article) => (article.signature ? [article.signature.key] : [])));
  const valid: SourceDescriptor[] = [];
  for (const value of listed) {
    try {
      const descriptor = await parseSourceDescriptor(value, 'publisher');
      const label = `${where}: source descriptor of ${descriptor.name} (number ${descriptor.sequence ?? 'none'})`;
      const apps = readerApps(descriptor);
      if (!signers.has(descriptor.key)) report.fail(`${label}: no article here is signed by its key; readers ignore it`);
      else
        report.ok(
          `${label}: ${descriptor.mirrors.length} mirror${descriptor.mirrors.length === 1 ? '' : 's'}${apps.length > 0 ? `, app at ${apps.join(', ')}` : ''}`,
        );
      valid.push(descriptor);
    } catch (error) {
      report.fail(`${where}: a source descriptor readers ignore: ${(error as Error).message}`);
    }
  }
  return valid;
}

async function verifyBundleFile(path: string, report: Report, requiredKey?: string): Promise<Article[]> {
  try {
    const text = await readFile(path, 'utf8');
    const { articles, images, publishers, extensions } = await decodeBundle(text);
    await checkArticles(articles, path, report, requiredKey);
    const checked = await checkPublishers(publishers, articles, path, report);
    // Only the payload is signed. A file whose visible part differs from what its articles say
    // (a bundle made by another program, or one edited to mislead people without the app) is
    // pointed out, though it is not a verification failure.
    if (encodeBundle(articles, images, { publishers: checked, extensions }) !== text) {
      report.note(
        `${path}: the part shown without the app is not what its signed articles say (another program made it, or it was edited); the app shows the signed articles`,
      );
    }
    return articles;
  } catch (error) {
    if (error instanceof BundleError) report.fail(`${path}: ${error.message}`);
    else report.fail(`${path}: ${(error as Error).message}`);
    return [];
  }
}

/** Readers read the gzipped copy first: it must hold the index's very bytes. A folder without one is fine. */
async function verifyIndexCopy(dir: string, report: Report): Promise<void> {
  const copy = await readFile(join(dir, INDEX_COPY_FILE)).catch(() => undefined);
  if (!copy) return;
  let inflated: Buffer | undefined;
  try {
    inflated = gunzipSync(copy);
  } catch {
    inflated = undefined;
  }
  if (inflated?.equals(await readFile(join(dir, INDEX_FILE)))) report.ok(`${INDEX_COPY_FILE}: the index, gzipped`);
  else report.fail(`${INDEX_COPY_FILE}: does not hold ${INDEX_FILE} gzipped; readers would read it instead. Run pamphlet edition again`);
}

async function verifyFolder(dir: string, report: Report, requiredKey?: string): Promise<void> {
  let index: EditionIndex;
  try {
    index = await parseEditionIndex(JSON.parse(await readFile(join(dir, INDEX_FILE), 'utf8')), requiredKey);
  } catch (error) {
    const reason = error instanceof EditionError ? error.message : `${INDEX_FILE} cannot be read (${(error as Error).message})`;
    report.fail(`${dir}: ${reason}`);
    return;
  }
  const signer = index.publisher.key;
  report.ok(`${INDEX_FILE}: edition ${index.sequence} of ${index.publisher.name}, signed by ${await fingerprintOf(signer)}`);
  if (Date.parse(index.expires) < Date.now()) report.fail(`${INDEX_FILE}: expired on ${index.expires}; readers will refuse it`);
  await verifyIndexCopy(dir, report);
  try {
    const source = await parseSourceDescriptor(JSON.parse(await readFile(join(dir, SOURCE_FILE), 'utf8')));
    if (source.key !== signer) report.fail(`${SOURCE_FILE}: names another key than the index`);
    else report.ok(`${SOURCE_FILE}: ${source.name}, ${source.mirrors.length} mirror${source.mirrors.length === 1 ? '' : 's'}`);
  } catch (error) {
    report.fail(`${SOURCE_FILE}: ${error instanceof EditionError ? error.message : (error as Error).message}`);
  }
  for (const entry of [...index.articles, { ...index.edition, id: undefined, revision: undefined }]) {
    const path = join(dir, entry.path);
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) {
      report.fail(`${entry.path}: listed in the index but missing`);
      continue;
    }
    if (bytes.length !== entry.size || (await sha256Hex(new Uint8Array(bytes))) !== entry.hash) {
      report.fail(`${entry.path}: does not match the size and hash the index gives`);
      continue;
    }
    const articles = await verifyBundleFile(path, report, signer);
    if (entry.id && !articles.some((article) => article.id === entry.id && article.revision === entry.revision)) {
      report.fail(`${entry.path}: does not hold article ${entry.id.slice(0, 12)}… revision ${entry.revision} as the index says`);
    }
  }
}

export const verify: Command = {
  name: 'verify',
  summary: 'check the signatures of a bundle or an edition folder',
  help: `Usage: pamphlet verify FILE|DIR [--key KEY]

Checks a bundle (every article's id and signature) or an edition folder (the signed index, the
source descriptor, and every file it lists: present, of the size and hash the index gives, each
article signed by the publisher's key). Prints one line per check.

Exit code 0 only when everything verifies; 1 otherwise (an unsigned article does not verify).

Options:
  --key KEY   also require this signer: a base64url public key, or a private key file
  --help      this text`,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' } } });
    const target = positionals[0];
    if (!target || positionals.length > 1) throw new CliError('verify needs one FILE or DIR (see pamphlet verify --help).', USAGE);
    const requiredKey = values.key ? await readPublicKey(values.key) : undefined;
    const info = await stat(target).catch(() => undefined);
    if (!info) throw new CliError(`${target}: no such file or folder.`);
    const report = new Report();
    if (info.isDirectory()) await verifyFolder(target, report, requiredKey);
    else if (target.endsWith('.json')) {
      await verifyJsonFile(target, report, requiredKey);
    } else await verifyBundleFile(target, report, requiredKey);
    process.stdout.write(
      report.failures === 0 ? 'Everything verifies.\n' : `${report.failures} check${report.failures === 1 ? '' : 's'} failed.\n`,
    );
    return report.failures === 0 ? 0 : 1;
  },
};

async function verifyJsonFile(path: string, report: Report, requiredKey?: string): Promise<void> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    const format = (value as { format?: unknown }).format;
    if (format === 'pamphlet-source') {
      const source = await parseSourceDescriptor(value);
      if (requiredKey && source.key !== requiredKey) report.fail(`${path}: names another key`);
      else report.ok(`${path}: source ${source.name}, signed by ${await fingerprintOf(source.key)}`);
    } else {
      const index = await parseEditionIndex(value, requiredKey);
      report.ok(`${path}: edition ${index.sequence} of ${index.publisher.name}, signed by ${await fingerprintOf(index.publisher.key)}`);
    }
  } catch (error) {
    report.fail(`${path}: ${error instanceof EditionError ? error.message : (error as Error).message}`);
  }
}
