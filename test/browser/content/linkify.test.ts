import { expect } from '@open-wc/testing'
import { trimUrl } from '../../../src/core/links.js'
import { linkify } from '../../../src/content/linkify.js'
import { sanitizeBody } from '../../../src/content/sanitize.js'

const REL = 'rel="nofollow ugc noopener"'

describe('linkify', () => {
  it('returns HTML without a URL unchanged, byte for byte', () => {
    const html = '<p>Kein Link hier &amp; <b>fett</b></p>'
    expect(linkify(html)).to.equal(html)
  })

  it('wraps a bare https URL in a link', () => {
    expect(linkify('see https://example.org/a')).to.equal('see <a href="https://example.org/a">https://example.org/a</a>')
  })

  it('leaves the full stop after a URL at the end of a sentence outside the link', () => {
    expect(linkify('Read https://example.org/post.')).to.equal('Read <a href="https://example.org/post">https://example.org/post</a>.')
  })

  it('leaves a comma, colon, question and exclamation mark outside the link', () => {
    expect(linkify('https://example.org/a, https://example.org/b: https://example.org/c?! ok')).to.equal(
      '<a href="https://example.org/a">https://example.org/a</a>, ' +
        '<a href="https://example.org/b">https://example.org/b</a>: ' +
        '<a href="https://example.org/c">https://example.org/c</a>?! ok',
    )
  })

  it('leaves the closing parenthesis around a URL in parentheses outside the link', () => {
    expect(linkify('(see https://example.org/x)')).to.equal('(see <a href="https://example.org/x">https://example.org/x</a>)')
  })

  it('keeps balanced parentheses that belong to the URL', () => {
    expect(linkify('(https://en.example.org/wiki/Lit_(library))')).to.equal(
      '(<a href="https://en.example.org/wiki/Lit_(library)">https://en.example.org/wiki/Lit_(library)</a>)',
    )
  })

  it('keeps a query and a fragment', () => {
    expect(linkify('https://example.org/s?q=a&b=c#top')).to.equal('<a href="https://example.org/s?q=a&amp;b=c#top">https://example.org/s?q=a&amp;b=c#top</a>')
  })

  it('links a www. URL to https', () => {
    expect(linkify('visit www.example.org/blog today')).to.equal('visit <a href="https://www.example.org/blog">www.example.org/blog</a> today')
  })

  it('stops a URL before German closing quotes', () => {
    expect(linkify('„https://example.org/a“')).to.equal('„<a href="https://example.org/a">https://example.org/a</a>“')
  })

  it('leaves a URL inside an existing link untouched', () => {
    const html = '<a href="https://example.org/">https://example.org/other</a>'
    expect(linkify(html)).to.equal(html)
  })

  it('leaves a URL inside code untouched', () => {
    const html = '<code>curl https://example.org/api</code>'
    expect(linkify(html)).to.equal(html)
  })

  it('leaves a URL inside pre untouched', () => {
    const html = '<pre>GET https://example.org/api</pre>'
    expect(linkify(html)).to.equal(html)
  })

  it('links a URL next to code but not the one inside it', () => {
    expect(linkify('<code>https://example.org/a</code> https://example.org/b')).to.equal(
      '<code>https://example.org/a</code> <a href="https://example.org/b">https://example.org/b</a>',
    )
  })

  it('does not link a scheme without a host', () => {
    expect(linkify('http:// and https://.')).to.equal('http:// and https://.')
  })

  it('does not link text that only contains http inside a word', () => {
    expect(linkify('xhttps://example.org/')).to.equal('xhttps://example.org/')
  })

  it('links several URLs in one text node', () => {
    expect(linkify('https://example.org/1 und https://example.org/2')).to.equal(
      '<a href="https://example.org/1">https://example.org/1</a> und <a href="https://example.org/2">https://example.org/2</a>',
    )
  })

  it('links a URL inside a paragraph with line breaks', () => {
    expect(linkify('<p>Hallo<br>https://example.org/x</p>')).to.equal('<p>Hallo<br><a href="https://example.org/x">https://example.org/x</a></p>')
  })
})

describe('trimUrl', () => {
  it('trims an ellipsis and quotes', () => {
    expect(trimUrl('https://example.org/a…"')).to.equal('https://example.org/a')
  })

  it('trims an unbalanced closing bracket', () => {
    expect(trimUrl('https://example.org/a]')).to.equal('https://example.org/a')
  })
})

describe('sanitizeBody with bare URLs', () => {
  it('links a bare URL and marks the link nofollow ugc noopener', () => {
    expect(sanitizeBody('<p>Mehr unter https://example.org/x.</p>')).to.equal(
      `<p>Mehr unter <a href="https://example.org/x" ${REL}>https://example.org/x</a>.</p>`,
    )
  })

  it('gives the same output when sanitizing a linkified body again', () => {
    const once = sanitizeBody('<p>(siehe www.example.org/a_(b)) und https://example.org/?q=1&x=2</p>')
    expect(sanitizeBody(once)).to.equal(once)
  })
})

// Five comments of `www.a` and 19,995 `)` froze a reader's tab for 17 s: the old trimmer
// recounted the whole address for every bracket it cut. Linear time takes a few ms; the
// budget is generous so that a busy machine does not fail it.
describe('linkify on pathological text', () => {
  for (const unit of [')', ']', '.)', '()']) {
    it(`sanitizes an address followed by 20,000 characters of ${unit} in linear time`, () => {
      for (const start of ['www.a', 'https://a']) {
        const body = start + unit.repeat(Math.ceil(20_000 / unit.length))
        const began = performance.now()
        const html = sanitizeBody(body)
        const took = performance.now() - began
        expect(took, `${start}${unit}…: ${took.toFixed(0)} ms`).to.be.below(250)
        // Balanced pairs stay in the address, which is then too long to be a link.
        expect((html.match(/<a /g) ?? []).length).to.equal(unit === '()' ? 0 : 1)
      }
    })
  }
})
