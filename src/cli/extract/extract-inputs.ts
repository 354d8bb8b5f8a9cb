import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

async function readInput(input: string, policy: FetchPolicy): Promise<{ text: string; base: string; type?: string }> {
  if (/^https?:\/\//i.test(input)) {
    const { bytes, type, url } = await fetchResource(
      input,
      'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, */*;q=0.5',
      policy,
    );
    return { text: new TextDecoder().decode(bytes), base: url, type };
  }
  const path = resolve(input);
  try {
    // Not its modification time: that says when someone saved the page, not when it was written.
    return { text: await readFile(path, 'utf8'), base: pathToFileURL(path).href };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `${input}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (error as Error).message}.`,
    );
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
    const { text, base, type } = await readInput(input, options);
    if (looksLikeFeed(text, type)) {
      articles.push(...(await articlesFromFeed(text, base, options)));
    } else {
      if (!/<(html|body|article|p|div|h1)\b/i.test(text)) throw new CliError(`${input}: neither a web page nor a feed.`);
      articles.push(await articleFromPage(text, base, options));
    }
    progress.step(input);
  }
  return articles;
}
