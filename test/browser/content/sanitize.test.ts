import { expect } from '@open-wc/testing'
import { sanitizeBody } from '../../../src/content/sanitize.js'

const REL = 'rel="nofollow ugc noopener"'

describe('sanitizeBody', () => {
  it('keeps every allowlisted element', () => {
    const html =
      '<p><em>e</em><strong>s</strong><b>b</b><i>i</i><code>c</code><del>d</del><s>s</s>' +
      '<cite>c</cite><q>q</q><abbr title="t">a</abbr><br></p><pre>p</pre><blockquote>b</blockquote>' +
      '<ul><li>u</li></ul><ol><li>o</li></ol>'
    expect(sanitizeBody(html)).to.equal(html)
  })

  it('keeps the text of elements it drops', () => {
    expect(sanitizeBody('<div><span>Hallo</span> <h1>Welt</h1></div>')).to.equal('Hallo Welt')
  })

  it('drops script and style with their content', () => {
    expect(sanitizeBody('a<script>b()</script><style>p{}</style>c')).to.equal('ac')
  })

  it('adds rel to a link that had none', () => {
    expect(sanitizeBody('<a href="https://example.org/">x</a>')).to.equal(`<a href="https://example.org/" ${REL}>x</a>`)
  })

  it('replaces rel and removes target', () => {
    expect(sanitizeBody('<a href="https://example.org/" target="_blank" rel="opener">x</a>')).to.equal(`<a href="https://example.org/" ${REL}>x</a>`)
  })

  it('removes a javascript: href and keeps the link text', () => {
    expect(sanitizeBody('<a href="javascript:alert(1)">Klick</a>')).to.equal(`<a ${REL}>Klick</a>`)
  })

  it('keeps a mailto: href', () => {
    expect(sanitizeBody('<a href="mailto:hallo@example.com">M</a>')).to.equal(`<a href="mailto:hallo@example.com" ${REL}>M</a>`)
  })

  it('returns an empty string for an empty body', () => {
    expect(sanitizeBody('')).to.equal('')
  })

  it('does not change the global DOMPurify instance', async () => {
    const { default: DOMPurify } = await import('dompurify')
    expect(DOMPurify.sanitize('<a href="https://example.org/" class="c">x</a>')).to.equal('<a href="https://example.org/" class="c">x</a>')
  })
})
