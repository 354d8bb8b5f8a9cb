import { css } from 'lit';

/** The Sources screen: followed sources with their mirrors, the sync's progress, the forms to follow more. */
export const sourcesStyles = css`
  :host {
    display: block;
    max-width: 48rem;
    margin: 0 auto;
  }
  h1 {
    font-size: 1.5rem;
    margin: 1.25rem 0 0.5rem;
  }
  h2 {
    font-size: 1.15rem;
    margin: 1.75rem 0 0.5rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 0 0 0.25rem;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  progress {
    width: 100%;
    height: 0.75rem;
    accent-color: var(--accent);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .source {
    padding: 0.875rem 0;
    border-block-end: 1px solid var(--border);
  }
  .mirrors li {
    font-size: 0.9rem;
    margin: 0.2rem 0;
    overflow-wrap: anywhere;
  }
  .ok {
    color: var(--verified);
  }
  .down,
  .error {
    color: var(--refused);
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    margin: 0.5rem 0 1rem;
  }
  label {
    display: flex;
    flex-direction: column;
    flex: 1 1 16rem;
    font-size: 0.875rem;
  }
  .preview {
    border: 1px solid var(--border);
    border-radius: 8px;
    padding: 0.75rem 1rem;
    background: var(--surface);
  }
`;
