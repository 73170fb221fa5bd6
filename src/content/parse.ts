/**
 * Parsing a comment body into an inert document for a sanitizer to work on, shared by
 * both sanitizers (sanitize.ts with DOMPurify, native-sanitize.ts with the browser's).
 */

interface PalaverPolicy {
  createHTML(input: string): string
  createScriptURL(input: string): string
}

/**
 * Trusted Types: on a page with `require-trusted-types-for 'script'`, assigning a string
 * to innerHTML (or a script's src) throws. The policy "palaver" allows two things only:
 * the parse into an inert document (a document without a browsing context), whose result
 * is sanitized before anything reaches the page, so it passes the string through for that
 * parse; and the one script URL the sanitizer loader may load (palaver-purify.js beside
 * palaver.js, set by `allowScript`). It is never exported. (Lit renders through its own
 * policy "lit-html"; DOMPurify makes "dompurify". A page that lists allowed policies with
 * `trusted-types` names those three.)
 */
let policy: PalaverPolicy | null | undefined
let allowedScript: string | null = null

function palaverPolicy(): PalaverPolicy | null {
  if (policy === undefined) {
    const tt = (window as { trustedTypes?: { createPolicy(name: string, rules: PalaverPolicy): PalaverPolicy } }).trustedTypes
    policy = tt
      ? tt.createPolicy('palaver', {
          createHTML: (input) => input,
          createScriptURL: (input) => {
            if (input !== allowedScript) throw new TypeError(`palaver: no script but ${allowedScript} is loaded`)
            return input
          },
        })
      : null
  }
  return policy
}

export function parseInto(root: Element, html: string): void {
  const p = palaverPolicy()
  root.innerHTML = p ? p.createHTML(html) : html
}

/** Points `script` at `url`, the one script the policy lets the sanitizer loader load. */
export function setScriptSource(script: HTMLScriptElement, url: string): void {
  allowedScript = url
  const p = palaverPolicy()
  script.src = p ? p.createScriptURL(url) : url
}

/**
 * Comments never survive sanitizing, and one left in a root without element children
 * (text with "<" in it, then `<!--`) makes DOMPurify take the root itself for an mXSS
 * probe and throw rather than sanitize in place: drop them before it looks.
 */
export function dropComments(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT)
  const comments: Node[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node)
  for (const node of comments) node.parentNode?.removeChild(node)
}
