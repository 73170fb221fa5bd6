/**
 * A hostile or broken backend never freezes the page (issue 13, item 11): generated
 * pathological bodies — 100,000 unclosed `<b>`, 10,000-deep nesting, 10,000 links, 1 MiB
 * of entities — through every adapter. Budgets here are generous (no task of the page
 * blocks for 2 s) so the test is not flaky; without the caps (src/content/caps.ts) one
 * task took 30–40 s. Exact task lengths belong in a benchmark, not here.
 */
import { expect, fixture, html } from '@open-wc/testing'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import { PalaverAdapter } from '../../../src/adapters/palaver.js'
import { WordPressAdapter } from '../../../src/adapters/wordpress.js'
import type { Adapter } from '../../../src/model.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { fakePalaverServer, fakeWordPress } from '../helpers/backends.js'
import { comment, wpComment } from '../helpers/comments.js'
import { waitUntil } from '../helpers/wait.js'
import { $$, settle } from '../helpers/widget.js'

const PATHOLOGICAL: Record<string, string> = {
  'unclosed b': '<b>'.repeat(100_000) + 'end',
  'deep nesting': '<em>'.repeat(10_000) + 'deep' + '</em>'.repeat(10_000),
  'many links': '<a href="https://e.example/">link</a> '.repeat(10_000),
  entities: '&amp;&lt;&#x263A;'.repeat(Math.ceil((1 << 20) / 16)),
}
const NORMAL = '<p>A normal comment.</p>'
const bodies = [NORMAL, ...Object.values(PATHOLOGICAL)]

const adapters: Record<string, () => Adapter> = {
  memory: () => new MemoryAdapter({ threads: { t: { title: 'T', open: true, comments: bodies.map((b, i) => comment(`p${i}`, { html: b })) } } }),
  palaver: () =>
    new PalaverAdapter('https://comments.example', {
      fetch: fakePalaverServer(
        { key: 't', title: 'T', count: 0, open: true, requires: [] },
        bodies.map((b, i) => comment(`p${i}`, { html: b })),
      ).fetch,
    }),
  wordpress: () =>
    new WordPressAdapter('https://blog.example', {
      fetch: fakeWordPress({ comments: bodies.map((b, i) => wpComment(i + 1, { content: { rendered: b } })) }).fetch,
    }),
}

/** The longest gap between tasks of the page while `work` runs: what a reader's click would wait. */
async function longestTask(work: () => Promise<unknown>): Promise<number> {
  let longest = 0
  let last = performance.now()
  let running = true
  const tick = () => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
    if (running) setTimeout(tick)
  }
  setTimeout(tick)
  try {
    await work()
  } finally {
    running = false
  }
  return longest
}

describe('pathological bodies from every adapter', function () {
  this.timeout(60_000)

  for (const [name, make] of Object.entries(adapters)) {
    it(`${name}: the page stays responsive, the thread renders, cut bodies say so`, async () => {
      let el!: PalaverComments
      const longest = await longestTask(async () => {
        el = await fixture<PalaverComments>(
          html`<palaver-comments thread=${name === 'wordpress' ? '7' : 't'} loading="eager" lang="en" .adapter=${make()}></palaver-comments>`,
        )
        await waitUntil('every body', () => $$(el, 'ol.comments .body').length === bodies.length || $$(el, '.state-error').length, 50_000)
        await settle(el)
      })
      expect(longest).to.be.below(2000)
      const texts = $$(el, 'ol.comments .body').map((b) => b.textContent!)
      expect(texts.length).to.equal(bodies.length)
      expect(texts).to.include('A normal comment.')
      expect($$(el, '.cut').map((p) => p.textContent)).to.deep.equal(Array(4).fill('Too long to show in full.'))
      // Nesting is flattened: no body holds more than a few dozen levels.
      let deepest = 0
      for (const body of $$(el, '.body')) {
        for (const node of body.querySelectorAll('*')) {
          let depth = 0
          for (let n: Element | null = node; n && n !== body; n = n.parentElement) depth++
          deepest = Math.max(deepest, depth)
        }
      }
      expect(deepest).to.be.at.most(33)
    })
  }
})
