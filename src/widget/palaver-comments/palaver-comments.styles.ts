import { css } from 'lit'
import { controls, tokens } from '../styles.js'

export const styles = [
  tokens,
  controls,
  css`
    /* Inherited text properties come in through the host from the page's CSS (a theme's
       "* { white-space: nowrap !important }" too): set them here, inside, where they hold. */
    .palaver {
      color-scheme: light;
      line-height: 1.55;
      white-space: normal;
      letter-spacing: normal;
      word-spacing: normal;
      text-align: start;
      text-indent: 0;
      text-transform: none;
      visibility: visible;
    }
    :host(:is([theme='dark'], :state(dark))) .palaver {
      color-scheme: dark;
    }
    h2:focus:not(:focus-visible) {
      outline: none;
    }
    h2 {
      font-size: 1.4em;
      margin: 0 0 1em;
    }
    ol {
      margin: 0;
      padding: 0;
    }
    .comments {
      list-style: var(--palaver-list-style);
      padding-inline-start: var(--palaver-list-indent, 0);
    }
    /* Numbered (or any list style but none): room for the numbers, outside the comments. */
    @container not style(--palaver-list-style: none) {
      .comments {
        padding-inline-start: var(--palaver-list-indent, 2.5em);
      }
    }
    /* Off-screen threads are not laid out or painted until they come near: a thousand
       comments cost little more than the ones in view. 'auto' remembers the real height.
       On what a top-level item holds, not on the item: containment there would clip its
       number (paint) and scope the list's counter (style). */
    .comments > li > :is(article, .children) {
      content-visibility: auto;
      contain-intrinsic-size: auto 8em;
    }
    .children {
      list-style: none;
      padding-inline-start: var(--palaver-indent);
    }
    li {
      margin: 0 0 var(--palaver-gap);
    }
    .children > li:first-child {
      margin-top: var(--palaver-gap);
    }
    article {
      border-radius: var(--palaver-radius);
      scroll-margin-top: 2em;
      /* Room for the highlight of a focused comment, without moving its text. */
      padding: 0.35em 0.5em;
      margin: -0.35em -0.5em;
    }
    article:focus {
      outline: none;
      background: var(--palaver-highlight);
    }
    article:focus-visible {
      outline: 2px solid var(--palaver-accent);
    }
    header {
      display: grid;
      grid-template-columns: var(--palaver-avatar-size) 1fr;
      column-gap: 0.75em;
      align-items: center;
    }
    .avatar {
      grid-row: span 2;
      width: var(--palaver-avatar-size);
      height: var(--palaver-avatar-size);
      border-radius: 50%;
      background: var(--palaver-avatar-bg);
    }
    header p,
    .mention p {
      margin: 0;
    }
    .author {
      font-weight: 600;
    }
    /* A name is a stranger's text: a bidi override in it must not reorder what follows. */
    .author,
    .reply-to a {
      unicode-bidi: isolate;
    }
    .reply-to,
    .badge {
      margin-inline-start: 0.4em;
    }
    /* The owner's replies (author.role "owner", set only by the server). */
    .badge {
      padding: 0 0.4em;
      border: 1px solid currentColor;
      border-radius: 0.6em;
      font-size: 0.8em;
      font-weight: 600;
    }
    .meta,
    .meta a,
    .edited,
    .kind {
      color: var(--palaver-muted);
      font-size: 0.9em;
    }
    .permalink {
      text-decoration: none;
    }
    .permalink:hover {
      text-decoration: underline;
    }
    .body {
      overflow-wrap: anywhere;
    }
    .body :is(p, pre, blockquote, ul, ol) {
      margin: 0.6em 0;
    }
    .body pre {
      overflow-x: auto;
    }
    .body blockquote {
      border-inline-start: 3px solid var(--palaver-border);
      margin-inline: 0;
      padding-inline-start: 1em;
    }
    .excerpt {
      color: var(--palaver-muted);
    }
    .pending .body {
      opacity: 0.8;
    }
    .moderation,
    .cut {
      font-style: italic;
      color: var(--palaver-muted);
      margin: 0.5em 0 0;
    }
    .deleted p {
      color: var(--palaver-muted);
      font-style: italic;
      margin: 0;
    }
    footer {
      margin-top: 0.25em;
      display: flex;
      flex-wrap: wrap;
      gap: 0.75em;
      align-items: center;
    }
    footer:empty {
      display: none;
    }
    button.edit,
    button.remove {
      border: none;
      padding: 0.2em 0;
      color: var(--palaver-muted);
    }
    .confirm {
      display: inline-flex;
      gap: 0.5em;
      align-items: center;
    }
    button.danger {
      color: var(--palaver-error);
      border-color: var(--palaver-error);
    }
    .editor {
      display: flex;
      flex-direction: column;
      gap: 0.4em;
      margin-top: 0.5em;
    }
    .own-actions {
      display: flex;
      gap: 0.5em;
      margin: 0;
    }
    button.reply {
      border: none;
      padding: 0.2em 0;
      font-weight: 600;
    }
    button.reply:hover {
      text-decoration: underline;
    }
    .more {
      text-align: center;
    }
    .feed {
      font-size: 0.875em;
    }
    .empty,
    .closed {
      color: var(--palaver-muted);
    }
    .error,
    .state-error p {
      color: var(--palaver-error);
    }
    /* Before the first render (a task after the element is defined) and while the skeleton
       shows: the skeleton's room, as the CSS line of docs/element.md holds it before. */
    :host(:state(starting)) {
      min-height: 72em;
    }
    /* Reserves the height of three comments and the form: a thread with a couple of
       comments is at least this tall, so the page below does not jump when it arrives. */
    .skeleton-form {
      height: 42em;
    }
    .skeleton-item {
      display: grid;
      grid-template-columns: var(--palaver-avatar-size) 1fr;
      column-gap: 0.75em;
      height: 7.5em;
      margin-bottom: var(--palaver-gap);
    }
    .skeleton-item span {
      background: var(--palaver-skeleton);
      border-radius: var(--palaver-radius);
    }
    .skeleton-item span:first-child {
      height: var(--palaver-avatar-size);
      border-radius: 50%;
    }
    @media (prefers-reduced-motion: no-preference) {
      .skeleton-item span {
        animation: pulse 1.5s ease-in-out infinite;
      }
    }
    @keyframes pulse {
      50% {
        opacity: 0.55;
      }
    }
  `,
]
