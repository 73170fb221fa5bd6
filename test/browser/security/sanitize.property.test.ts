import { expect } from '@open-wc/testing'
import fc from 'fast-check'
import { sanitizeBody } from '../../../src/content/sanitize.js'

/**
 * Properties of the one sanitizer over generated HTML-like text (fast-check): sanitizing
 * its output again changes nothing, and the output never holds an executable URL, an
 * event handler or an element off the allowlist.
 */

const schemes = [
  'javascript:',
  'JaVaScRiPt:',
  'java\tscript:',
  'java&#x09;script:',
  '&#106;avascript:',
  ' javascript:',
  '\u0001javascript:',
  'vbscript:',
  'data:text/html,',
  'data:image/svg+xml,',
  'https://example.org/',
  'http://x.example/',
  'mailto:a@example.org',
  '//evil.example/',
  '',
  '#x',
]
const tags = [
  'a',
  'p',
  'b',
  'i',
  'em',
  'pre',
  'code',
  'blockquote',
  'q',
  'ul',
  'ol',
  'li',
  'abbr',
  'svg',
  'math',
  'mtext',
  'mglyph',
  'style',
  'script',
  'img',
  'iframe',
  'noscript',
  'template',
  'form',
  'input',
  'textarea',
  'title',
  'table',
  'select',
  'option',
  'xmp',
  'noembed',
  'base',
  'meta',
  'object',
  'foreignObject',
  'desc',
  'details',
  'button',
  'body',
  'html',
]
const attrs = [
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'onerror',
  'onload',
  'onclick',
  'style',
  'id',
  'name',
  'is',
  'title',
  'cite',
  'target',
  'rel',
  'srcdoc',
  'data',
  'background',
]
const texts = [
  'x',
  'https://example.org/a_(b)',
  'www.example.org',
  '</style><img src=x onerror=alert(1)>',
  '<!--',
  '-->',
  ']]>',
  '&lt;',
  '&amp;',
  '\n',
  '\n\n',
  ' ',
  '"',
  "'",
  '`',
  '<',
  '>',
  '&',
  '\u202e',
  '😀',
  'alert(1)',
]

const attribute = fc
  .tuple(fc.constantFrom(...attrs), fc.constantFrom(...schemes), fc.constantFrom(...texts), fc.constantFrom('"', "'", ''))
  .map(([name, scheme, text, quote]) => ` ${name}=${quote}${scheme}${text}${quote}`)

const token = fc.oneof(
  fc
    .tuple(fc.constantFrom(...tags), fc.array(attribute, { maxLength: 3 }), fc.boolean())
    .map(([tag, as, selfClose]) => `<${tag}${as.join('')}${selfClose ? '/' : ''}>`),
  fc.constantFrom(...tags).map((tag) => `</${tag}>`),
  fc.constantFrom(...texts),
  fc.string({ maxLength: 8 }),
)

const htmlish = fc.array(token, { maxLength: 30 }).map((parts) => parts.join(''))

/** What a rendered body must never contain: each violation as text. */
function executable(html: string): string[] {
  const template = document.createElement('template')
  template.innerHTML = html
  const found: string[] = []
  for (const el of template.content.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.localName}[${attr.name}]`)
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'cite', 'srcdoc', 'data'].includes(attr.name)) {
        // The scheme as the browser resolves it, whitespace and controls included.
        let scheme = ''
        try {
          scheme = new URL(attr.value, 'https://base.invalid/').protocol
        } catch {
          scheme = 'unparseable:'
        }
        if (!['http:', 'https:', 'mailto:'].includes(scheme) || !/^(?:https?|mailto):/i.test(attr.value))
          found.push(`${el.localName}[${attr.name}=${attr.value}]`)
      }
    }
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`${el.localName} in ${el.namespaceURI}`)
  }
  return found
}

describe('sanitizeBody, as a property', function () {
  this.timeout(30_000)

  it('returns its own output unchanged when given it again', () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        const once = sanitizeBody(input)
        expect(sanitizeBody(once)).to.equal(once)
      }),
      { numRuns: 1500 },
    )
  })

  it('never returns an executable URL, an event handler or foreign-namespace markup', () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        expect(executable(sanitizeBody(input))).to.deep.equal([])
      }),
      { numRuns: 1500 },
    )
  })

  it('the property check itself finds an executable URL in unsanitized input', () => {
    expect(executable('<a href="java\tscript:x">x</a><svg onload=x>')).to.have.length(3)
  })
})
