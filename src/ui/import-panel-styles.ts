import { css } from 'lit';

/** The import panel: a card above the screen, with progress, verdicts and choices. */
export const importPanelStyles = css`
  :host {
    display: block;
  }
  section {
    max-width: 48rem;
    margin: 0.75rem auto 0;
    padding: 0.75rem 1rem;
    border: 1px solid var(--border);
    border-radius: 8px;
    background: var(--surface);
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  progress {
    width: 100%;
    height: 0.75rem;
    accent-color: var(--accent);
  }
  ul {
    margin: 0.25rem 0 0.75rem;
    padding-inline-start: 1.25rem;
  }
  li {
    margin: 0.35rem 0;
    line-height: 1.45;
  }
  .unsafe {
    color: var(--unknown);
  }
  .error {
    color: var(--refused);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }
  .summary {
    margin: 0.2rem 0 0;
    color: var(--muted, GrayText);
    font-size: 0.9rem;
  }
`;
