import { css } from 'lit'
import { controls } from '../styles.js'

export const formStyles = [
  controls,
  css`
    :host {
      display: block;
      margin-block: 1.5em;
    }
    h3 {
      font-size: 1.15em;
      margin: 0 0 0.25em;
      display: inline-block;
      margin-inline-end: 1em;
    }
    .note {
      color: var(--palaver-muted);
      font-size: 0.9em;
      margin-block: 0.25em 1em;
    }
    .required {
      color: var(--palaver-error);
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      margin: 0 0 1em;
    }
    .field-name input,
    .field-email input,
    .field-url input {
      max-width: 28em;
    }
    textarea {
      min-height: 8em;
      resize: vertical;
    }
    .preview {
      min-height: 8em;
      margin: 0 0 0.5em;
      padding: 0 0.75em;
      border: 1px solid var(--palaver-border);
      border-radius: var(--palaver-radius);
    }
    .formatting {
      display: flex;
      gap: 1em;
      align-items: baseline;
      margin-bottom: 1em;
    }
    summary {
      color: var(--palaver-link);
    }
    pre {
      overflow-x: auto;
    }
    [aria-invalid='true'] {
      border-color: var(--palaver-error);
      box-shadow: 0 0 0 1px var(--palaver-error);
    }
    .error,
    .form-error {
      color: var(--palaver-error);
      font-size: 0.9em;
    }
    .form-success {
      color: var(--palaver-success);
    }
    .remember,
    .notify {
      display: flex;
      gap: 0.5em;
      align-items: flex-start;
    }
    .remember input,
    .notify input {
      margin-top: 0.3em;
    }
    /* The honeypot: out of sight and out of the tab order, still in the form for bots. */
    .trap {
      position: absolute;
      left: -10000px;
      width: 1px;
      height: 1px;
      overflow: hidden;
    }
    button[type='submit'] {
      background: var(--palaver-accent);
      color: var(--palaver-accent-text);
      border-color: var(--palaver-accent);
      font-weight: 600;
    }
    button[aria-pressed='true'] {
      background: var(--palaver-border);
      color: var(--palaver-text);
    }
    button[aria-disabled='true'] {
      opacity: 0.7;
      cursor: progress;
    }
  `,
]
