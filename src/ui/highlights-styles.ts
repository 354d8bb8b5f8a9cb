import { css } from 'lit';

/** A highlight as a list shows it: the quote, the reader's note, its actions. */
export const highlightListStyles = css`
  ol {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  li {
    padding: 0.75rem 0;
    border-bottom: 1px solid var(--border);
  }
  blockquote {
    margin: 0 0 0.5rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 4px solid light-dark(#d9a800, #ffd84d);
    white-space: pre-line;
  }
  .note {
    margin: 0 0 0.5rem;
    white-space: pre-line;
    font-family: var(--font-ui);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  textarea {
    font: inherit;
    width: 100%;
    min-height: 5rem;
    box-sizing: border-box;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--bg);
    color: var(--fg);
  }
`;

/** The reader's part: the bar for a selection, and the article's highlights under its text. */
export const readerHighlightsStyles = css`
  :host {
    display: block;
    font-family: var(--font-ui);
    font-size: 1rem;
  }
  /* A link on a line of its own, not in a sentence: a finger's target. */
  .to-all {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
  }
  /* At the foot of the window, where a phone's own selection menu (drawn near the selection) does not cover it. */
  .selection-bar {
    position: fixed;
    inset-inline: 0;
    bottom: 0;
    z-index: 10;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem;
    padding: 0.5rem max(0.75rem, env(safe-area-inset-right)) max(0.5rem, env(safe-area-inset-bottom));
    background: var(--surface);
    border-top: 1px solid var(--border);
  }
  .selection-bar[hidden] {
    display: none;
  }
  section {
    margin-top: 2rem;
    border-top: 1px solid var(--border);
  }
  h2 {
    font-size: 1.2rem;
  }
  .missing {
    font-style: italic;
  }
`;
