import { css } from 'lit';

/** The sections of Settings (and of the elements it is made of): one framed fieldset each. */
export const settingsSectionStyles = css`
  fieldset {
    border: 1px solid var(--border);
    border-radius: 8px;
    margin: 0 0 1.25rem;
    padding: 0.75rem min(1rem, 5vw) 1rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
`;

/** The Settings screen's own controls: choices, the text size and its preview, trusted publishers, the feed proxy, About. */
export const settingsScreenStyles = css`
  h1 {
    margin-bottom: 1rem;
  }
  label {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
  }
  input[type='radio'] {
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--accent);
  }
  input[type='range'] {
    width: 100%;
    /* The track is thin, but a finger needs 44 pixels to land on it. */
    min-height: 44px;
    accent-color: var(--accent);
  }
  select {
    min-height: 44px;
    min-width: min(12rem, 100%);
  }
  .preview {
    font-family: var(--font-reading);
    font-size: calc(1.125rem * var(--text-scale));
    line-height: var(--reading-leading, 1.65);
    margin: 0.5rem 0 0;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dd {
    margin: 0;
  }
  .proxy {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .proxy label {
    flex: 1 1 100%;
    min-height: auto;
  }
  .proxy input {
    flex: 1 1 16rem;
  }
  .problem {
    color: var(--refused);
  }
  .trusted {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .trusted li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0;
    border-block-end: 1px solid var(--border);
  }
`;
