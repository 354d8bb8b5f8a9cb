import { css } from 'lit';

/** The library list's look: entries, marks, the notices above them. */
export const libraryStyles = css`
  :host {
    display: block;
    max-width: 48rem;
    margin: 0 auto;
  }
  h1 {
    font-size: 1.5rem;
    margin: 1.25rem 0 0.5rem;
  }
  .count {
    margin: 0 0 0.5rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: grid;
    grid-template-columns: auto 1fr auto;
    column-gap: 0.75rem;
    width: 100%;
    padding: 0.875rem 0;
    border-block-end: 1px solid var(--border);
  }
  li > input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.2rem 0 0;
    accent-color: var(--accent);
  }
  h2 {
    font-size: 1.125rem;
    line-height: 1.35;
    margin: 0 0 0.25rem;
  }
  h2 a {
    color: var(--fg);
    text-decoration: none;
  }
  h2 a:hover {
    text-decoration: underline;
  }
  .unread h2 a {
    font-weight: 700;
  }
  .read h2 a {
    font-weight: 500;
  }
  mark {
    background: color-mix(in srgb, var(--accent) 25%, transparent);
    color: inherit;
    border-radius: 2px;
  }
  .meta {
    font-size: 0.875rem;
    margin: 0 0 0.375rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
  }
  .meta > * + *::before {
    content: '·';
    margin-inline-end: 0.5rem;
    color: var(--muted);
  }
  .state-unread {
    color: var(--unread);
    font-weight: 600;
  }
  .excerpt {
    margin: 0;
    line-height: 1.5;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .star {
    align-self: start;
    min-width: 44px;
    padding: 0.25rem;
    font-size: 1.3rem;
    line-height: 1;
    color: var(--accent);
    background: transparent;
    border: 0;
  }
  .problem {
    color: var(--refused);
  }
  .notice:not(:empty) {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin: 0 0 0.75rem;
  }
  .reminder {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--border);
    border-radius: 8px;
    background: var(--surface);
  }
`;
