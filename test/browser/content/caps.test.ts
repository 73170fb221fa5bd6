import { expect } from '@open-wc/testing'
import { capHtml, capTree, isCut, MAX_BODY_HTML, MAX_ELEMENTS, MAX_NESTING, MAX_TAGS } from '../../../src/content/caps.js'

describe('body caps (src/content/caps.ts)', () => {
  it('leaves a body within the caps as it is', () => {
    const body = '<p>Hello <b>world</b></p>'.repeat(50)
    expect(capHtml(body)).to.equal(body)
    expect(isCut(body)).to.equal(false)
  })

  it('cuts after MAX_BODY_HTML characters', () => {
    const body = 'a'.repeat(MAX_BODY_HTML) + 'tail'
    expect(capHtml(body)).to.equal('a'.repeat(MAX_BODY_HTML))
    expect(isCut(body)).to.equal(true)
  })

  it('cuts before the tag past MAX_TAGS', () => {
    const body = '<i>x</i>'.repeat(MAX_TAGS)
    expect(capHtml(body)).to.equal('<i>x</i>'.repeat(MAX_TAGS / 2))
  })

  it('turns elements nested too deep, or past the element cap, into their text', () => {
    const deep = document.createElement('div')
    deep.innerHTML = '<em>'.repeat(MAX_NESTING + 10) + 'deep'
    capTree(deep)
    expect(deep.querySelectorAll('em').length).to.equal(MAX_NESTING)
    expect(deep.textContent).to.equal('deep')
    const wide = document.createElement('div')
    wide.innerHTML = '<b>x</b>'.repeat(MAX_ELEMENTS + 5)
    capTree(wide)
    expect(wide.querySelectorAll('b').length).to.equal(MAX_ELEMENTS)
    expect(wide.textContent).to.equal('x'.repeat(MAX_ELEMENTS + 5))
  })
})

describe('body caps against clobbering', () => {
  it('flattens a body whose elements clobber children, textContent and replaceWith', () => {
    const root = document.createElement('div')
    root.innerHTML = '<form><input name="children"><input name="textContent"><input name="replaceWith">' + '<em>'.repeat(MAX_NESTING + 2) + 'x</form>'
    capTree(root)
    expect(root.textContent).to.contain('x')
    expect(root.querySelectorAll('em').length).to.be.at.most(MAX_NESTING)
  })
})
