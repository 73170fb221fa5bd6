import { expect } from '@open-wc/testing'
import { safeUrl } from '../../../src/core/url.js'

describe('safeUrl', () => {
  it('returns an https URL', () => {
    expect(safeUrl('https://blog.example.org/about')).to.equal('https://blog.example.org/about')
  })

  it('returns an http URL normalized by the URL parser', () => {
    expect(safeUrl('HTTP://Example.ORG')).to.equal('http://example.org/')
  })

  it('strips surrounding whitespace and control characters', () => {
    expect(safeUrl(' \t\n\u0001https://example.org/x\u0000 ')).to.equal('https://example.org/x')
  })

  it('returns null for null', () => {
    expect(safeUrl(null)).to.equal(null)
  })

  it('returns null for an empty or blank string', () => {
    expect([safeUrl(''), safeUrl(' \t\n')]).to.deep.equal([null, null])
  })

  it('rejects javascript: in every spelling', () => {
    const urls = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      '\u0001javascript:alert(1)',
      '\u0000javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java\rscript:alert(1)',
      '\u000bjavascript:alert(1)',
      '&#106;avascript:alert(1)',
      'javascript&colon;alert(1)',
      '%6Aavascript:alert(1)',
      'javascript://example.org/%0Aalert(1)',
    ]
    expect(urls.map(safeUrl)).to.deep.equal(urls.map(() => null))
  })

  it('rejects data: and vbscript: URLs', () => {
    const urls = ['data:text/html,<script>alert(1)</script>', 'DATA:text/html;base64,PHNjcmlwdD4=', '\tdata:,x', 'vbscript:msgbox(1)', 'VBScript:msgbox(1)']
    expect(urls.map(safeUrl)).to.deep.equal(urls.map(() => null))
  })

  it('rejects other schemes', () => {
    const urls = ['mailto:a@example.com', 'ftp://example.org/', 'file:///etc/passwd', 'blob:https://example.org/x', 'about:blank']
    expect(urls.map(safeUrl)).to.deep.equal(urls.map(() => null))
  })

  it('rejects relative and protocol-relative URLs', () => {
    const urls = ['/about', 'about', '//example.org/', 'example.org', 'www.example.org']
    expect(urls.map(safeUrl)).to.deep.equal(urls.map(() => null))
  })

  it('rejects an http URL without a host', () => {
    expect([safeUrl('http://'), safeUrl('https:///')]).to.deep.equal([null, null])
  })

  it('accepts a tab inside the scheme only as the URL parser reads it: as https', () => {
    expect(safeUrl('htt\tps://example.org/')).to.equal('https://example.org/')
  })
})
