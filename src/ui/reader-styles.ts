import { css } from 'lit';

/** The article laid out for reading, in its own script, with its verdict and tools above. */
export const readerStyles = css`
  :host {
    display: block;
  }
  article {
    /* In characters of the article's own face and size: the measure the reader chose. */
    max-width: var(--reading-width, 66ch);
    margin: 0 auto;
    padding-block: 1.5rem;
    font-family: var(--font-reading);
    font-size: calc(1.125rem * var(--text-scale));
    line-height: var(--reading-leading, 1.65);
    overflow-wrap: break-word;
    hyphens: auto;
  }
  article:lang(ar),
  article:lang(fa),
  article:lang(ur),
  article:lang(ps),
  article:lang(ckb) {
    font-family: var(--font-reading-arabic);
    line-height: calc(var(--reading-leading, 1.65) + 0.25);
  }
  h1 {
    font-size: 1.75em;
    line-height: 1.2;
    margin: 0 0 0.75rem;
  }
  .meta {
    font-family: var(--font-ui);
    font-size: 0.85em;
    line-height: 1.5;
    margin: 0 0 2rem;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    font-family: var(--font-ui);
    font-size: 0.875rem;
    margin: -1.25rem 0 2rem;
    padding-block: 0.5rem;
    border-block: 1px solid var(--border);
  }
  .tools .verdict {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .problem {
    max-width: 38rem;
    margin: 2rem auto;
  }
`;
