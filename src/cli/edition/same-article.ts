import { plainTextOf, type Article } from '../../shared/article.ts';

/**
 * What a reader reads of an article's content: its text, where its links lead, and the images it
 * shows (by hash, so by their bytes) with their alternative text. The markup around them is left
 * out: a newer Readability or sanitizer may write the same article differently. The content is
 * the command's own sanitized HTML, every attribute in double quotes.
 */
function readableParts(content: string): string {
  const links = [...content.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].map((match) => match[1]);
  const images = [...content.matchAll(/<img\b[^>]*>/g)].map(([tag]) => [
    /\ssrc="([^"]*)"/.exec(tag)?.[1],
    /\salt="([^"]*)"/.exec(tag)?.[1],
  ]);
  return JSON.stringify([plainTextOf(content), links, images]);
}

/**
 * Whether a newly made article says what the edition's copy of it says, so that a run keeps that
 * copy as it is (its revision, signature and bytes: readers fetch nothing) rather than issue a
 * correction. Compared is what readers read and are told about it: the title, the byline, the
 * publication date, the language and direction, and the content's text, links and images. Not
 * compared: the revision, `modified` and the signature (the edition's own), the summary (a page's
 * description, which sites rewrite for search engines), the publisher's name and address and the
 * article's address (a feed renamed, or a site moved to https, corrects no article).
 */
export function sameArticle(previous: Article, next: Article): boolean {
  return (
    previous.title === next.title &&
    previous.byline === next.byline &&
    previous.published === next.published &&
    previous.lang === next.lang &&
    previous.dir === next.dir &&
    (previous.content === next.content || readableParts(previous.content) === readableParts(next.content))
  );
}
