/**
 * The module of the strict host page: records every CSP and Trusted Types violation, then
 * gives the widget (unchanged, from src/) the backend that `?adapter=` names, with the
 * same few comments in that backend's own format: memory (the default), palaver (the
 * reference server's API) or wordpress (WordPress's REST API), the last two through a
 * fake fetch (the policy's connect-src would refuse another origin). The test in
 * ../strict-host.test.ts drives it through the iframe.
 */
import { MemoryAdapter } from '../../../../src/adapters/memory.js'
import { PalaverAdapter } from '../../../../src/adapters/palaver.js'
import { WordPressAdapter } from '../../../../src/adapters/wordpress.js'
import type { Adapter } from '../../../../src/model.js'
import { fakePalaverServer, fakeWordPress } from '../../helpers/backends.js'
import { comment, wpComment } from '../../helpers/comments.js'
import { json } from '../../helpers/responses.js'
import '../../../../src/widget/palaver-comments/palaver-comments.js'

declare global {
  interface Window {
    violations: string[]
  }
}

window.violations = []
document.addEventListener('securitypolicyviolation', (e) =>
  window.violations.push(
    `${e.violatedDirective}: ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber} on ${(e.target as Element)?.outerHTML?.slice(0, 100)} ${new Error().stack}`,
  ),
)

const FIRST = '<p>First, with <b>markup</b> and https://example.org/ to link.</p><p>Second paragraph.</p>'
const REPLY = '<p>A reply <img src=x onerror=alert(1)></p>'
const CITING = '<p>It cites this post …</p>'
const comments = [
  comment('a', { author: { name: 'Ann', url: 'https://ann.example/', avatar: 'a' }, html: FIRST }),
  comment('b', { parentId: 'a', author: { name: 'Tom & Jerry', url: null, avatar: 'b' }, html: REPLY }),
  comment('p', { kind: 'pingback', author: { name: 'Another blog', url: 'https://blog.example/post', avatar: null }, html: CITING }),
]

function wordpress(): Adapter {
  const site = fakeWordPress({
    comments: [
      wpComment(1, { author_name: 'Ann', author_url: 'https://ann.example/', content: { rendered: FIRST } }),
      // WordPress sends names as HTML: an ampersand is an entity.
      wpComment(2, { parent: 1, author_name: 'Tom &amp; Jerry', content: { rendered: REPLY } }),
      wpComment(3, { type: 'pingback', author_name: 'Another blog', author_url: 'https://blog.example/post', content: { rendered: CITING } }),
    ],
    onPost: (body) => json(wpComment(4, { author_name: body.author_name, content: { rendered: `<p>${String(body.content)}</p>` } }), 201),
  })
  widget.setAttribute('thread', '7')
  return new WordPressAdapter(location.origin, { fetch: site.fetch })
}

function palaver(): Adapter {
  const server = fakePalaverServer({ key: 'strict', title: 'A post on a strict page', count: 3, open: true, requires: ['name', 'email'] }, comments)
  const adapter = new PalaverAdapter(location.origin, { fetch: server.fetch })
  // No live stream: EventSource takes no fetch, and there is no server behind this one.
  return Object.assign(adapter, { subscribe: undefined })
}

const widget = document.querySelector('palaver-comments')!
const name = new URLSearchParams(location.search).get('adapter')
widget.adapter =
  name === 'wordpress'
    ? wordpress()
    : name === 'palaver'
      ? palaver()
      : new MemoryAdapter({ threads: { strict: { comments, title: 'A post on a strict page' } } })
