import { css } from 'lit'

/**
 * What every part of the page shares: colours for light and dark (prefers-color-scheme;
 * each pair is at least 4.5:1), buttons, fields and the visually hidden helper.
 */
export const shared = css`
  :host {
    --admin-fg: #1b1b1f;
    --admin-muted: #55565e;
    --admin-bg: #ffffff;
    --admin-panel: #f3f4f6;
    --admin-line: #c9ccd3;
    --admin-accent: #1d4ed8;
    --admin-accent-fg: #ffffff;
    --admin-danger: #b42318;
    --admin-focus: #1d4ed8;
    --admin-current: #e8eefc;
    color: var(--admin-fg);
    font: 15px/1.5 system-ui, sans-serif;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --admin-fg: #ececf1;
      --admin-muted: #b4b6c0;
      --admin-bg: #16171b;
      --admin-panel: #22242a;
      --admin-line: #4a4d57;
      --admin-accent: #8ab4ff;
      --admin-accent-fg: #0b1020;
      --admin-danger: #ff9c8f;
      --admin-focus: #8ab4ff;
      --admin-current: #26314a;
    }
  }
  a {
    color: var(--admin-accent);
  }
  button {
    font: inherit;
    color: var(--admin-fg);
    background: var(--admin-panel);
    border: 1px solid var(--admin-line);
    border-radius: 6px;
    padding: 0.25rem 0.7rem;
    cursor: pointer;
  }
  button.primary {
    background: var(--admin-accent);
    color: var(--admin-accent-fg);
    border-color: var(--admin-accent);
  }
  button.danger {
    color: var(--admin-danger);
  }
  button[aria-pressed='true'] {
    background: var(--admin-accent);
    color: var(--admin-accent-fg);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--admin-fg);
    background: var(--admin-bg);
    border: 1px solid var(--admin-line);
    border-radius: 6px;
    padding: 0.25rem 0.5rem;
  }
  input:disabled,
  select:disabled,
  textarea:disabled {
    background: var(--admin-panel);
  }
  :focus-visible {
    outline: 3px solid var(--admin-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .muted {
    color: var(--admin-muted);
  }
  .error {
    color: var(--admin-danger);
  }
`
