import { expect } from '@open-wc/testing'
import fc from 'fast-check'
import { htmlish } from './htmlish.js'
import { sanitizeBodyNative } from '../../../src/content/native-sanitize.js'
import { sanitizeBodyPurify } from '../../../src/content/purify.js'

/**
 * Properties of the one sanitizer over generated HTML-like text (fast-check): sanitizing
 * its output again changes nothing, and the output never holds an executable URL, an
 * event handler or an element off the allowlist.
 */

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

// Both sanitizers: the browser's (the widget's fast path) and DOMPurify (the policy of record).
for (const [engine, sanitizeBody] of [
  ['the browser sanitizer', sanitizeBodyNative],
  ['DOMPurify', sanitizeBodyPurify],
] as const)
  describe(`sanitizing with ${engine}, as a property`, function () {
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
