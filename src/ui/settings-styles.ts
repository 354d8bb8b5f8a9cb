import { css } from 'lit';

/** The sections of Settings (and of the elements it is made of): one framed fieldset each. */
export const settingsSectionStyles = css`
  fieldset {
    border: 1px solid var(--border);
    border-radius: 8px;
    margin: 0 0 1.25rem;
    padding: 0.75rem 1rem 1rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
`;
