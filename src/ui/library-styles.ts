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
    grid-template-columns: auto minmax(0, 1fr) auto;
    grid-template-areas: 'pick text star';
    column-gap: 0.5rem;
    width: 100%;
    padding: 0.625rem 0;
    border-block-end: 1px solid var(--border);
  }
  .pick {
    grid-area: pick;
    align-self: start;
    display: flex;
    align-items: center;
    justify-content: center;
    min-width: 44px;
    min-height: 44px;
    cursor: pointer;
  }
  .pick > input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--accent);
  }
  .text {
    grid-area: text;
    padding-block-start: 0.5rem;
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
    grid-area: star;
    align-self: start;
    min-width: 44px;
    padding: 0.25rem;
    font-size: 1.3rem;
    line-height: 1;
    color: var(--accent);
    background: transparent;
    border: 0;
  }
  .deleted-link {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
  }
  /*
   * A phone shows the articles first: the star goes under the checkbox so that the title has the
   * width, the details take one line and the excerpt none, and four or five articles fit the first
   * screen rather than one or two. In em, the browser's text size counts: at twice the size a
   * tablet is as narrow as a phone.
   */
  @media (max-width: 40em) {
    h1 {
      font-size: 1.25rem;
      margin: 0.75rem 0 0.5rem;
    }
    li {
      grid-template-columns: auto minmax(0, 1fr);
      grid-template-rows: auto 1fr;
      grid-template-areas: 'pick text' 'star text';
      column-gap: 0.25rem;
      padding: 0.25rem 0;
    }
    .text {
      padding-block-start: 0.625rem;
      padding-block-end: 0.375rem;
    }
    h2 {
      font-size: 1rem;
      line-height: 1.3;
      margin: 0 0 0.125rem;
    }
    .meta {
      display: -webkit-box;
      -webkit-line-clamp: 1;
      -webkit-box-orient: vertical;
      overflow: hidden;
      margin: 0;
    }
    .meta > * + *::before {
      margin-inline-end: 0.25rem;
    }
    .excerpt {
      display: none;
    }
  }
  /* A title a finger taps: a one-line title's link as tall as the checkbox beside it. */
  @media (max-width: 40em), (pointer: coarse) {
    h2 a {
      display: block;
      min-height: 44px;
    }
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
