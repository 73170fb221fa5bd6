/**
 * The two fences agree. The server renders what a reader typed (renderBody, run in Node
 * by the server-render plugin: Markdown, then its sanitizing); the widget sanitizes and
 * linkifies in Chromium. Both
 * follow src/core/ (the body allowlist, the link rules), and here they are held to it:
 * the same links with the same hrefs, the same elements and attributes (`cite` too), and
 * a link hold that counts exactly the links a reader can follow.
 */
import { expect } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import { sanitizeBody } from '../../../src/content/sanitize.js'

interface Rendered {
  html: string
  links: number
}

const render = (bodies: string[]) => executeServerCommand<Rendered[], { bodies: string[] }>('server-render', { bodies })

/**
 * Bodies on one line in the allowed markup: the server makes one paragraph of each, and
 * the widget given that paragraph must read it exactly as the server did.
 */
const TYPED = [
  'Plain text, no links.',
  'see https://example.org/x.',
  'www.example.org and www.example.org/blog, WWW.EXAMPLE.ORG!',
  '(see https://en.example.org/wiki/Lit_(library))',
  '[https://example.org/a] {https://example.org/b}',
  '„https://example.org/a“ and «https://example.org/b» and "https://example.org/c"',
  "http://x.example/it's here",
  'https://x.example/?a=1&b=2&amp;c=3#top',
  'https://Example.ORG/Ä?q=ü',
  'xhttps://example.org/ http:// https://. www. awww.example.org',
  '<code>https://example.org/api</code> https://example.org/b',
  '<pre>GET https://example.org/api</pre> after www.example.org',
  '<a href="https://x.example">https://x.example</a> and <a href="https://y.example">www.z.example</a>',
  '<a href="javascript:alert(1)">x</a> <a href="/relative">y</a> <a href="//evil.example/">z</a> <a href=" https://x.example/">w</a>',
  '<a href="mailto:a@example.org">mail</a> <a href="HTTPS://X.EXAMPLE/">caps</a>',
  '<q cite="https://c.example/">q</q> <blockquote cite="https://c.example/">b</blockquote>',
  '<abbr title="HyperText Markup Language">HTML</abbr> <b title="x">b</b> <cite>A Book</cite>',
  '<b>http://a.example</b> <em>www.b.example</em> <del>https://c.example</del> <s>https://d.example</s>',
  `https://x.example/${'a'.repeat(2100)}`,
  'a < b && www.x.example > c',
  'https://a.example/)))))]]]…',
  '<ul><li>https://a.example</li></ul><ol><li>www.b.example</li></ol>',
]

/**
 * Bodies the fences treat differently on purpose (the server shows other tags as text,
 * the widget drops them), several paragraphs, and pathological ones: for these, what the
 * server made must pass the widget unchanged.
 */
const HOSTILE = [
  '<kbd>https://x.example/a</kbd> <span>www.y.example</span>',
  '<script>alert("https://x.example")</script>',
  '<img src=x onerror=alert(1)> https://x.example',
  'line one https://a.example\nline two www.b.example\n\nparagraph https://c.example',
  '<a href="https://x.example" onclick="x()" target="_blank" rel="opener">x</a>',
  '<svg><a href="https://x.example">x</a></svg>',
  '<div>https://b.example</div><textarea>https://x.example</textarea>',
  `www.a${')'.repeat(19_995)}`,
  `https://a${'.)'.repeat(9_996)}`,
]

/**
 * Bodies in Markdown: the server makes quotes, lists, code and links of them, which the
 * widget must pass unchanged and whose links the hold must count as a reader can follow them.
 */
const MARKDOWN = [
  '**bold** _em_ `https://x.example/code` and https://x.example/_a_/b',
  '> quoted www.q.example\n\n- one https://a.example\n- [two](https://b.example/2)\n\n2024. numbered',
  '```\n<b>https://x.example</b>\n```\nafter www.after.example',
  '[a](https://a.example "t") [rel](/x) [js](javascript:alert(1)) <https://auto.example> <ann@x.example>',
  '![img](https://x.example/i.png) **[strong link](https://s.example)**',
  '<em>*both*</em> <a href="https://t.example">[md](https://inner.example) inside</a>',
  // Nested emphasis within the widget's depth cap; deeper trees are cut on purpose (content/caps.ts, caps.test.ts).
  '*a'.repeat(20),
  '[https://label.example](https://dest.example) and [www.l.example](www.d.example)',
]

/** Every element in order, with its attributes (sorted), and the text: what a reader gets. */
function shape(html: string): { elements: string[]; text: string } {
  const template = document.createElement('template')
  template.innerHTML = html
  const elements = [...template.content.querySelectorAll('*')].map((el) =>
    [el.localName, ...[...el.attributes].map((a) => `${a.name}=${a.value}`).sort()].join(' '),
  )
  return { elements, text: template.content.textContent ?? '' }
}

/** The links a reader can follow in what the widget renders. */
function followable(html: string): number {
  const template = document.createElement('template')
  template.innerHTML = html
  return template.content.querySelectorAll('a[href]').length
}

describe('parity of the server renderer and the widget sanitizer', () => {
  let typed: Rendered[]
  let hostile: Rendered[]
  let markdown: Rendered[]
  before(async () => {
    typed = await render(TYPED)
    hostile = await render(HOSTILE)
    markdown = await render(MARKDOWN)
  })

  it('reads a typed body alike: the same links, hrefs, elements and attributes', () => {
    TYPED.forEach((body, i) => {
      const server = typed[i]!
      expect(shape(sanitizeBody(`<p>${body}</p>`)), body).to.deep.equal(shape(server.html))
    })
  })

  it('passes what the server made unchanged: the widget adds no link and drops nothing', () => {
    ;[...TYPED, ...HOSTILE, ...MARKDOWN].forEach((body, i) => {
      const server = [...typed, ...hostile, ...markdown][i]!
      expect(shape(sanitizeBody(server.html)), body.slice(0, 80)).to.deep.equal(shape(server.html))
    })
  })

  it('counts for the link hold exactly the links a reader can follow', () => {
    ;[...TYPED, ...HOSTILE, ...MARKDOWN].forEach((body, i) => {
      const server = [...typed, ...hostile, ...markdown][i]!
      expect(server.links, body.slice(0, 80)).to.equal(followable(sanitizeBody(server.html)))
    })
    // Not vacuous: the corpus holds www. links and hrefless anchors the hold must tell apart.
    expect(typed.reduce((sum, r) => sum + r.links, 0)).to.be.above(20)
  })

  it('renders the Markdown bodies as Markdown: quotes, lists, code, numbered lists, links', () => {
    const made = markdown.flatMap((r) => shape(r.html).elements.map((e) => e.split(' ')[0]))
    for (const tag of ['strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a']) expect(made, tag).to.include(tag)
    expect(markdown[1]!.html).to.include('<ol start="2024">')
    expect(markdown.reduce((sum, r) => sum + r.links, 0)).to.be.above(12)
  })
})
