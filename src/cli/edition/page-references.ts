import { Parser } from 'htmlparser2';

/** What an HTML page refers to: the web app manifest it names, and every `src` and `href`. */
export interface PageReferences {
  manifest?: string;
  addresses: string[];
}

/** The references of the reader app's index.html, for checking a build and a mirror that serves one. */
export function pageReferences(html: string): PageReferences {
  const found: PageReferences = { addresses: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'link' && attributes.rel?.toLowerCase().split(/\s+/).includes('manifest')) found.manifest ??= attributes.href?.trim();
      for (const attribute of ['src', 'href'] as const) {
        const value = attributes[attribute];
        if (value !== undefined) found.addresses.push(value.trim());
      }
    },
  });
  parser.end(html);
  return found;
}
