import { css } from 'lit';

/** The app's modal dialogs (share, lock, wipe), and the button for what cannot be undone. */
export const dialogStyles = css`
  dialog {
    /* The padding and border inside the width: on a narrow phone, 1rem from each edge. */
    box-sizing: border-box;
    max-width: min(34rem, calc(100vw - 2rem));
    width: 100%;
    border: 1px solid var(--border);
    border-radius: 10px;
    background: var(--bg);
    color: var(--fg);
    padding: 1rem 1.25rem;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 45%);
  }
  h2 {
    font-size: 1.15rem;
    margin: 0 0 0.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  button.danger {
    color: var(--bg);
    background: var(--refused);
    border-color: var(--refused);
  }
  .problem {
    color: var(--refused);
  }
`;
