import { css } from 'lit'

/**
 * Design tokens: every colour, radius and size the widget uses is a `--palaver-*` custom
 * property with a default on :host, so an owner restyles it from the host page's CSS.
 * Dark values apply with theme="dark", or with theme="auto" (the default) when the host
 * page is dark (ThemeController). `color-scheme` is set inside only (palaver-comments
 * styles): on the host it would hide the page's own from the controller.
 */
const dark = css`
  --palaver-text: #e6e8eb;
  --palaver-input-bg: #1b1d21;
  --palaver-muted: #a4aab4;
  --palaver-border: #4a4f58;
  --palaver-accent: #7fb0ff;
  --palaver-accent-text: #0b1220;
  --palaver-link: #8fbaff;
  --palaver-error: #ff8a80;
  --palaver-success: #7fd39b;
  --palaver-highlight: #3a3520;
  --palaver-skeleton: #2c2f35;
  --palaver-avatar-bg: #2a2d33;
`

export const tokens = css`
  :host {
    --palaver-font: inherit;
    --palaver-text: #1d1f23;
    --palaver-bg: transparent;
    --palaver-input-bg: #fff;
    --palaver-muted: #5a5f69;
    --palaver-border: #c8ccd3;
    --palaver-accent: #1f5fbf;
    --palaver-accent-text: #fff;
    --palaver-link: #1f5fbf;
    --palaver-error: #b3261e;
    --palaver-success: #1d6b36;
    --palaver-highlight: #fff7d6;
    --palaver-skeleton: #e8eaee;
    --palaver-avatar-bg: #eef0f3;
    --palaver-radius: 6px;
    --palaver-gap: 1.25em;
    --palaver-avatar-size: 2.5em;
    --palaver-indent: 2.75em;
    --palaver-list-style: none;
    display: block;
    font-family: var(--palaver-font);
    color: var(--palaver-text);
    background: var(--palaver-bg);
  }
  /* The scheme is decided by ThemeController (the host page, then the system); :is() keeps
     theme="dark" working where :state() is unknown. */
  :host(:is([theme='dark'], :state(dark))) {
    ${dark}
  }
  /* A theme chosen against the page brings its own background, so its text stays readable. */
  :host([theme='dark']) {
    --palaver-bg: #17191d;
  }
  :host([theme='light']) {
    --palaver-bg: #fff;
  }
  :host([hidden]) {
    display: none;
  }
`

/** Buttons, links and the screen-reader-only helper, shared by the widget and its form. */
export const controls = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  a {
    color: var(--palaver-link);
  }
  button {
    font: inherit;
    color: var(--palaver-link);
    background: none;
    border: 1px solid var(--palaver-border);
    border-radius: var(--palaver-radius);
    padding: 0.35em 0.9em;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--palaver-link);
  }
  /* Text fields: the form's inputs and the inline editor. */
  input:not([type='checkbox']),
  textarea {
    font: inherit;
    color: inherit;
    background: var(--palaver-input-bg);
    border: 1px solid var(--palaver-border);
    border-radius: var(--palaver-radius);
    padding: 0.5em 0.6em;
    max-width: 100%;
  }
  :focus-visible {
    outline: 2px solid var(--palaver-accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
`
