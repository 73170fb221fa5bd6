import { expect } from '@open-wc/testing'
import { textToHtml } from '../../../src/content/format.js'
import { sanitizeBody } from '../../../src/content/sanitize.js'

describe('textToHtml', () => {
  it('makes one paragraph of a single line', () => {
    expect(textToHtml('Hallo Welt')).to.equal('<p>Hallo Welt</p>')
  })

  it('escapes & < > " and \'', () => {
    expect(textToHtml(`a & b <script>"x"</script> it's`)).to.equal('<p>a &amp; b &lt;script&gt;&quot;x&quot;&lt;/script&gt; it&#39;s</p>')
  })

  it('turns a single newline into <br>', () => {
    expect(textToHtml('Zeile 1\nZeile 2')).to.equal('<p>Zeile 1<br>Zeile 2</p>')
  })

  it('turns blank lines into paragraphs', () => {
    expect(textToHtml('Absatz 1\n\nAbsatz 2')).to.equal('<p>Absatz 1</p>\n<p>Absatz 2</p>')
  })

  it('treats a line of spaces as blank and several blank lines as one break', () => {
    expect(textToHtml('a\n  \n\n\nb')).to.equal('<p>a</p>\n<p>b</p>')
  })

  it('reads Windows and old Mac line endings', () => {
    expect(textToHtml('a\r\nb\r\n\r\nc\rd')).to.equal('<p>a<br>b</p>\n<p>c<br>d</p>')
  })

  it('returns an empty string for blank text', () => {
    expect([textToHtml(''), textToHtml(' \n\n \t')]).to.deep.equal(['', ''])
  })

  it('keeps emoji and umlauts as they are', () => {
    expect(textToHtml('Schön 👍')).to.equal('<p>Schön 👍</p>')
  })

  it('gives HTML that sanitizeBody keeps unchanged', () => {
    const html = textToHtml('Erster Absatz\nmit Umbruch & <b>Text</b>\n\nZweiter Absatz 😀')
    expect(sanitizeBody(html)).to.equal(html)
  })
})
