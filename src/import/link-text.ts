/**
 * Whether `text` holds a Pamphlet link: an article (`…#bundle=…`) or a source to follow
 * (`…#source=…`). Small enough for the first screen's code.
 */
export function holdsLink(text: string): boolean {
  return /#(bundle|source)=[A-Za-z0-9_-]/.test(text);
}
