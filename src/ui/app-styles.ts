import { css } from 'lit';

/** The app shell's header, its navigation and the main region. */
export const appStyles = css`
  :host {
    display: block;
  }
  .skip-link {
    position: absolute;
    inset-inline-start: 0.5rem;
    top: -4rem;
    z-index: 10;
  }
  .skip-link:focus {
    top: 0.25rem;
    background: var(--bg);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 1rem;
    padding-block: 0.25rem;
    /* Safe areas are physical (a notch is on the left whatever the language). */
    padding-left: max(1rem, env(safe-area-inset-left));
    padding-right: max(1rem, env(safe-area-inset-right));
    border-block-end: 1px solid var(--border);
    background: var(--surface);
    position: sticky;
    top: 0;
    z-index: 5;
  }
  .brand {
    font-weight: 700;
    font-size: 1.1rem;
    margin-inline-end: auto;
  }
  nav ul {
    display: flex;
    /* Four links do not fit a 320-pixel screen's row: they take a second one. */
    flex-wrap: wrap;
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav a {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    padding: 0 clamp(0.4rem, 2vw, 0.75rem);
    text-decoration: none;
    border-radius: 6px;
  }
  nav a[aria-current='page'] {
    background: var(--bg);
    font-weight: 600;
  }
  /* The side margins stop growing with the text: at twice the size on a 320-pixel phone, 1rem a
     side would take a fifth of the width from the words. */
  main {
    padding: 0 min(1rem, 5vw) 4rem;
  }
  main:focus {
    outline: none;
  }
  .not-found {
    max-width: 40rem;
    margin: 2rem auto;
  }
`;
