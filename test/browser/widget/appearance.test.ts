/**
 * What the widget paints (issue 13, items 2 and 3): numbers on a numbered list, and
 * readable colours on dark and light host pages. Painting has no DOM API, so numbers are
 * checked with photographs of the page (the screenshot plugin), colours with computed styles.
 */
import { expect, fixture, html } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { comment } from '../helpers/comments.js'
import { nextFrame } from '../helpers/wait.js'
import { $, memory, settle } from '../helpers/widget.js'

interface Rect {
  x: number
  y: number
  width: number
  height: number
}
const photo = async (r: Rect) =>
  (await executeServerCommand<{ data: string }, Rect>('screenshot', {
    x: Math.round(r.x),
    y: Math.round(r.y),
    width: Math.round(r.width),
    height: Math.round(r.height),
  }))!.data

async function mountStyled(style: string) {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="padding: 60px 80px; background: #fff">
    <palaver-comments style=${style} thread="t" loading="eager" lang="en" .adapter=${memory([comment('a'), comment('b')])}></palaver-comments>
  </div>`)
  const el = wrapper.querySelector<PalaverComments>('palaver-comments')!
  await settle(el)
  await nextFrame()
  await nextFrame()
  return el
}

describe('numbered comments', () => {
  it('shows the numbers of --palaver-list-style: decimal beside the comments', async () => {
    const el = await mountStyled('--palaver-list-style: decimal')
    const article = $(el, 'ol.comments > li > article')!.getBoundingClientRect()
    // The gutter left of the first comment, and an area as big above the widget, where nothing is.
    const gutter = { x: article.left - 28, y: article.top, width: 26, height: 24 }
    const blank = { ...gutter, y: el.getBoundingClientRect().top - 40 }
    expect(await photo(gutter)).not.to.equal(await photo(blank))
  })

  it('reserves the gutter only when numbering', async () => {
    const gutter = async (style: string) => {
      const el = await mountStyled(style)
      return $(el, 'ol.comments > li .avatar')!.getBoundingClientRect().left - el.getBoundingClientRect().left
    }
    expect(await gutter('--palaver-list-style: decimal')).to.be.above(20)
    expect(Math.abs(await gutter(''))).to.be.below(1)
  })
})

/** Relative luminance (0 black … 1 white) of a computed rgb()/rgba() colour. */
function luminance(colour: string): number {
  const [r, g, b] = colour
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map((v) => {
      const c = Number(v) / 255
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

async function inside(hostStyle: string, theme = 'auto') {
  const wrapper = await fixture<HTMLDivElement>(html`<section style=${hostStyle}>
    <palaver-comments theme=${theme} thread="t" loading="eager" lang="en" .adapter=${memory([comment('a')])}></palaver-comments>
  </section>`)
  const el = wrapper.querySelector<PalaverComments>('palaver-comments')!
  await settle(el)
  return { el, text: luminance(getComputedStyle($(el, '.body')!).color) }
}

describe('themes on the host page (the system prefers light here)', () => {
  it('theme="auto" is dark inside a section with color-scheme: dark', async () => {
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(false)
    const { text } = await inside('color-scheme: dark; background: #121212; color: #eee')
    expect(text).to.be.above(0.5)
  })

  it('theme="auto" is dark on a dark background without color-scheme, found up the page', async () => {
    const { text } = await inside('background: rgb(20, 22, 28)')
    expect(text).to.be.above(0.5)
  })

  it('theme="auto" stays light on a light page', async () => {
    const { text } = await inside('background: #fafafa')
    expect(text).to.be.below(0.1)
  })

  it('theme="dark" brings its own dark background on a light page', async () => {
    const { el, text } = await inside('background: #fff', 'dark')
    const bg = getComputedStyle(el).backgroundColor
    expect(bg).not.to.equal('rgba(0, 0, 0, 0)')
    expect(luminance(bg)).to.be.below(0.05)
    expect(text).to.be.above(0.5)
  })
})
