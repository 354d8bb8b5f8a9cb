import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readArchivedPage, type ArchivedPage } from '../../node-dom/read-archive.ts';
import { HEAD_BYTES, looksLikeArchive } from '../../shared/archive-headers.ts';
import { decodeFeed } from '../../shared/text/page-encoding.ts';
import { ReaderError } from '../../shared/note.ts';
import { CliError } from '../cli-error.ts';
import type { Progress } from '../progress.ts';
import { articlesFromFeed } from './feed-articles.ts';
import { fetchResource, type FetchPolicy } from './fetch-resource.ts';
import { articleFromPage, type Extracted } from './page-article.ts';

/** A feed, as opposed to a web page: XML whose root is rss, feed or rdf:RDF, or a JSON Feed. */
function looksLikeFeed(text: string, type = ''): boolean {
  if (/(rss|atom|feed)\+xml|application\/feed\+json/.test(type)) return true;
  const start = text.trimStart().slice(0, 2000);
  if (start.startsWith('{')) return /"version"\s*:\s*"https:\/\/jsonfeed\.org\/version\//.test(text.slice(0, 4000));
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)\b/i.test(start);
}

interface Input {
  text: string;
  base: string;
  type?: string;
  /** The files of the archive (MHTML) the page was saved in, when it was. */
  archived?: ArchivedPage['file'];
}

async function readBytes(input: string, policy: FetchPolicy): Promise<{ bytes: Uint8Array; base: string; type?: string }> {
  if (/^https?:\/\//i.test(input)) {
    const { bytes, type, url } = await fetchResource(
      input,
      'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, */*;q=0.5',
      policy,
    );
    return { bytes, base: url, type };
  }
  const path = resolve(input);
  try {
    // Not its modification time: that says when someone saved the page, not when it was written.
    return { bytes: new Uint8Array(await readFile(path)), base: pathToFileURL(path).href };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `${input}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (error as Error).message}.`,
    );
  }
}

/** A page, a feed, or a page saved as one MHTML archive (by its name, or by the headers it starts with). */
async function readInput(input: string, policy: FetchPolicy): Promise<Input> {
  const { bytes, base, type } = await readBytes(input, policy);
  if (
    !/\.(mhtml|mht)$/i.test(new URL(base).pathname) &&
    !looksLikeArchive(new TextDecoder('latin1').decode(bytes.subarray(0, HEAD_BYTES)))
  ) {
    // A page or a feed, each by its own charset (decodeFeed reads a page as a page).
    return { text: decodeFeed(bytes, type), base, ...(type ? { type } : {}) };
  }
  try {
    const page = readArchivedPage(bytes);
    // An archive that says not where it was saved from: its addresses resolve against the file's own.
    return { text: page.html, base: page.base ?? base, archived: page.file };
  } catch (error) {
    if (error instanceof ReaderError) throw new CliError(`${input}: ${error.message}`);
    throw error;
  }
}

/**
 * The articles made from each input: a saved page or a page URL gives one article; a feed file
 * or URL gives one per item. Inputs are read one after the other, with progress.
 */
export async function extractInputs(
  inputs: string[],
  choices: { images: boolean; allowPrivate: boolean },
  progress: Progress,
): Promise<Extracted[]> {
  const options = { ...choices, warn: (message: string) => progress.warn(message) };
  const articles: Extracted[] = [];
  for (const input of inputs) {
    const { text, base, type, archived } = await readInput(input, options);
    if (!archived && looksLikeFeed(text, type)) {
      articles.push(...(await articlesFromFeed(text, base, options)));
    } else {
      if (!/<(html|body|article|p|div|h1)\b/i.test(text)) throw new CliError(`${input}: neither a web page nor a feed.`);
      try {
        articles.push(await articleFromPage(text, base, { ...options, ...(archived ? { archived } : {}) }));
      } catch (error) {
        // A damaged part of the archive, found when the page names it.
        if (error instanceof ReaderError) throw new CliError(`${input}: ${error.message}`);
        throw error;
      }
    }
    progress.step(input);
  }
  return articles;
}
