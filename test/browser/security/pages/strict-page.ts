/**
 * The module of the strict host page: records every CSP and Trusted Types violation, then
 * gives the widget (unchanged, from src/) a memory backend with a few comments. The
 * test in ../strict-host.test.ts drives it through the iframe.
 */
import { MemoryAdapter } from '../../../../src/adapters/memory.js'
import { comment } from '../../helpers/comments.js'
import '../../../../src/widget/palaver-comments/palaver-comments.js'

declare global {
  interface Window {
    violations: string[]
  }
}

window.violations = []
document.addEventListener('securitypolicyviolation', (e) =>
  window.violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber} on ${(e.target as Element)?.outerHTML?.slice(0, 100)} ${new Error().stack}`),
)

const comments = [
  comment('a', { author: { name: 'Ann', url: 'https://ann.example/', avatar: 'a' }, html: '<p>First, with <b>markup</b> and https://example.org/ to link.</p><p>Second paragraph.</p>' }),
  comment('b', { parentId: 'a', author: { name: 'Bo', url: null, avatar: 'b' }, html: '<p>A reply <img src=x onerror=alert(1)></p>' }),
  comment('p', { kind: 'pingback', author: { name: 'Another blog', url: 'https://blog.example/post', avatar: null }, html: '<p>It cites this post …</p>' }),
]

const widget = document.querySelector('palaver-comments')!
widget.adapter = new MemoryAdapter({ threads: { strict: { comments, title: 'A post on a strict page' } } })
