import { css } from 'lit';

/**
 * Styles every screen shares: focus that is always visible, buttons, text fields and menus,
 * hidden-but-spoken text, and a one-line form (a field and its button, as under the library's toolbar).
 */
export const sharedStyles = css`
  :host {
    color: var(--fg);
  }
  a {
    color: var(--accent);
  }
  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
    border-radius: 2px;
  }
  button {
    font: inherit;
    color: var(--accent-fg);
    background: var(--accent);
    border: 1px solid var(--accent);
    border-radius: 6px;
    padding: 0.5rem 1rem;
    min-height: 44px;
    cursor: pointer;
  }
  button.secondary {
    color: var(--accent);
    background: transparent;
  }
  /*
   * No field or list wider than its column, whatever its own idea of its width (a select is as
   * wide as its longest choice, a text field twenty letters at the text size); and each a finger's
   * height, 44 pixels.
   */
  input,
  select,
  textarea {
    box-sizing: border-box;
    max-width: 100%;
  }
  /* A label or fieldset holding a field may be narrower than the field would like (by default a
     flex item or a fieldset is never narrower than its content): the field then fits it. */
  label,
  fieldset {
    min-width: 0;
  }
  input[type='text'],
  input[type='search'],
  input[type='password'],
  input[type='url'],
  input:not([type]) {
    font: inherit;
    padding: 0.4rem 0.5rem;
    min-height: 44px;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--bg);
    color: var(--fg);
  }
  select {
    font: inherit;
    min-height: 44px;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--bg);
    color: var(--fg);
  }
  .form-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    margin: 0 0 0.75rem;
  }
  .form-row label {
    display: flex;
    flex-direction: column;
    flex: 1 1 12rem;
    font-size: 0.875rem;
  }
  /** A checkbox and its words on one line, the box a finger's size: "I compared the key…". */
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
  }
  label.check input[type='checkbox'] {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--accent);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .muted {
    color: var(--muted);
  }
  h1:focus {
    outline: none;
  }
`;

/** A screen in one centred column at a reading width, under its heading: Scan, Nearby, Settings. */
export const columnScreenStyles = css`
  :host {
    display: block;
    max-width: 40rem;
    margin: 0 auto;
  }
  h1 {
    font-size: 1.5rem;
    margin: 1.25rem 0 0.5rem;
  }
`;
