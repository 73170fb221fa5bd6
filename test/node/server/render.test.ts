/**
 * The server's body rendering as data: what a reader types → the HTML the server stores.
 * The widget sanitizes again; these fixtures pin down the server's first fence.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { countLinks, renderBody } from '../../../src/server/render.js'

const REL = 'rel="nofollow ugc noopener"'
const FIXTURES: { title: string; input: string; expected: string }[] = [
  { title: 'plain text becomes a paragraph', input: 'Hello', expected: '<p>Hello</p>' },
  { title: 'a blank line starts a paragraph, a line break stays', input: 'a\nb\n\n\nc', expected: '<p>a<br />\nb</p>\n<p>c</p>' },
  { title: 'Windows line ends count as line ends', input: 'a\r\nb\r\n\r\nc', expected: '<p>a<br />\nb</p>\n<p>c</p>' },
  { title: 'outer blank lines are dropped', input: '\n\n  Hi  \n\n', expected: '<p>Hi</p>' },
  {
    title: 'a bare URL is linked',
    input: 'see https://example.org/x',
    expected: `<p>see <a href="https://example.org/x" ${REL}>https://example.org/x</a></p>`,
  },
  {
    title: 'trailing punctuation is not part of the link',
    input: '(https://example.org/a).',
    expected: `<p>(<a href="https://example.org/a" ${REL}>https://example.org/a</a>).</p>`,
  },
  {
    title: 'balanced parentheses stay in the link',
    input: 'https://en.example/wiki/A_(b)',
    expected: `<p><a href="https://en.example/wiki/A_(b)" ${REL}>https://en.example/wiki/A_(b)</a></p>`,
  },
  {
    title: 'ampersands in URLs are escaped once',
    input: 'https://x.example/?a=1&b=2',
    expected: `<p><a href="https://x.example/?a=1&amp;b=2" ${REL}>https://x.example/?a=1&amp;b=2</a></p>`,
  },
  {
    title: 'allowed inline tags stay',
    input: '<em>a</em> <strong>b</strong> <code>c</code> <del>d</del>',
    expected: '<p><em>a</em> <strong>b</strong> <code>c</code> <del>d</del></p>',
  },
  {
    title: 'a typed link keeps its href and gets the rel, nothing else',
    input: '<a href="https://x.example" target="_blank" onclick="x()">x</a>',
    expected: `<p><a href="https://x.example" ${REL}>x</a></p>`,
  },
  {
    title: 'a URL inside a typed link is not linked twice',
    input: '<a href="https://x.example">https://x.example</a>',
    expected: `<p><a href="https://x.example" ${REL}>https://x.example</a></p>`,
  },
  { title: 'javascript: links lose their href', input: '<a href="javascript:alert(1)">x</a>', expected: `<p><a ${REL}>x</a></p>` },
  { title: 'script tags are shown as text', input: '<script>alert(1)</script>', expected: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' },
  { title: 'event handlers never survive', input: '<b onmouseover="x()">b</b>', expected: '<p><b>b</b></p>' },
  { title: 'comparison signs and ampersands are text', input: 'a < b && c > d', expected: '<p>a &lt; b &amp;&amp; c &gt; d</p>' },
  { title: 'emoji pass through', input: 'Danke 🎉', expected: '<p>Danke 🎉</p>' },
  {
    title: 'a www. address links to https, as the widget links it',
    input: 'www.example.org.',
    expected: `<p><a href="https://www.example.org/" ${REL}>www.example.org</a>.</p>`,
  },
  {
    title: 'an apostrophe inside a URL stays in it',
    input: "http://x.example/it's",
    expected: `<p><a href="http://x.example/it's" ${REL}>http://x.example/it's</a></p>`,
  },
  {
    title: 'an entity inside a URL does not cut it',
    input: 'https://x.example/?a=1&amp;b=2',
    expected: `<p><a href="https://x.example/?a=1&amp;b=2" ${REL}>https://x.example/?a=1&amp;b=2</a></p>`,
  },
  {
    title: 'an unmatched bracket after a URL is not part of it',
    input: '[https://x.example/a]',
    expected: `<p>[<a href="https://x.example/a" ${REL}>https://x.example/a</a>]</p>`,
  },
  { title: 'a URL inside code stays text', input: '<code>curl https://x.example/api</code>', expected: '<p><code>curl https://x.example/api</code></p>' },
  {
    title: 'a URL longer than 2,048 characters stays text',
    input: `https://x.example/${'a'.repeat(2048)}`,
    expected: `<p>https://x.example/${'a'.repeat(2048)}</p>`,
  },
  {
    title: 'a typed mailto: link keeps its href, as the widget keeps it',
    input: '<a href="mailto:a@x.example">mail</a>',
    expected: `<p><a href="mailto:a@x.example" ${REL}>mail</a></p>`,
  },
  {
    title: 'relative and protocol-relative hrefs are dropped',
    input: '<a href="/x">a</a> <a href="//evil.example/">b</a>',
    expected: `<p><a ${REL}>a</a> <a ${REL}>b</a></p>`,
  },
  { title: 'cite attributes are dropped (a URL no reader sees)', input: '<q cite="https://c.example">q</q>', expected: '<p><q>q</q></p>' },
  {
    title: 'a tag off the allowlist shows as text, attributes and all',
    input: '<kbd class="x">k</kbd>',
    expected: '<p>&lt;kbd class="x"&gt;k&lt;/kbd&gt;</p>',
  },
]

/** The Markdown subset (docs/api.md): each construct, and what stays text on purpose. */
const MARKDOWN: typeof FIXTURES = [
  {
    title: 'emphasis, strong and inline code',
    input: '*a* _b_ **c** __d__ `e`',
    expected: '<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> <code>e</code></p>',
  },
  { title: 'a quote', input: '> you said\n> this\n\nI agree', expected: '<blockquote>\n<p>you said<br />\nthis</p>\n</blockquote>\n<p>I agree</p>' },
  { title: 'a list after a line of text', input: 'Two things:\n- one\n- two', expected: '<p>Two things:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>' },
  {
    title: 'a numbered list keeps its first number',
    input: '2024. was a year\n2025. too',
    expected: '<ol start="2024">\n<li>was a year</li>\n<li>too</li>\n</ol>',
  },
  {
    title: 'a fenced code block: its HTML and addresses are text',
    input: '```js\nif (a < b) open("https://x.example")\n```',
    expected: '<pre><code>if (a &lt; b) open("https://x.example")\n</code></pre>',
  },
  { title: 'code spans show typed HTML as text', input: '`<em>` is emphasis', expected: '<p><code>&lt;em&gt;</code> is emphasis</p>' },
  { title: 'a link in brackets', input: '[the docs](https://x.example/docs)', expected: `<p><a href="https://x.example/docs" ${REL}>the docs</a></p>` },
  {
    title: 'a link in angle brackets, and an email address',
    input: '<https://x.example/a> <ann@x.example>',
    expected: `<p><a href="https://x.example/a" ${REL}>https://x.example/a</a> <a href="mailto:ann@x.example" ${REL}>ann@x.example</a></p>`,
  },
  {
    title: 'a link the allowlist would strip stays text as typed',
    input: '[a](/relative) [b](javascript:alert(1))',
    expected: '<p>[a](/relative) [b](javascript:alert(1))</p>',
  },
  { title: 'a link title is dropped', input: '[a](https://x.example "hover")', expected: `<p><a href="https://x.example" ${REL}>a</a></p>` },
  {
    title: 'an image is a link to it, not an image',
    input: '![a cat](https://x.example/cat.png)',
    expected: `<p>!<a href="https://x.example/cat.png" ${REL}>a cat</a></p>`,
  },
  {
    title: 'underscores and stars inside a bare address are not emphasis',
    input: 'https://x.example/_a_/b and www.x.example/*c*/d',
    expected: `<p><a href="https://x.example/_a_/b" ${REL}>https://x.example/_a_/b</a> and <a href="https://www.x.example/*c*/d" ${REL}>www.x.example/*c*/d</a></p>`,
  },
  {
    title: 'emphasis around a bare address',
    input: '**https://x.example** _www.y.example_',
    expected: `<p><strong><a href="https://x.example/" ${REL}>https://x.example</a></strong> <em><a href="https://www.y.example/" ${REL}>www.y.example</a></em></p>`,
  },
  { title: 'typed tags and Markdown mix', input: '<em>**both**</em>', expected: '<p><em><strong>both</strong></em></p>' },
  { title: 'backslash escapes', input: '\\*not emphasis\\* C:\\Users', expected: '<p>*not emphasis* C:\\Users</p>' },
  {
    title: 'headings, rules, tables and reference links stay text',
    input: '# 1\n---\n| a | b |\n[x]: https://x.example',
    expected: `<p># 1<br />\n---<br />\n| a | b |<br />\n[x]: <a href="https://x.example/" ${REL}>https://x.example</a></p>`,
  },
  { title: 'indented text is a paragraph, not code', input: '    four spaces in', expected: '<p>four spaces in</p>' },
  { title: 'strikethrough is not in the subset', input: '~~no~~', expected: '<p>~~no~~</p>' },
  { title: 'intraword underscores and spaced stars stay text', input: 'snake_case_name and 2 * 3 * 4', expected: '<p>snake_case_name and 2 * 3 * 4</p>' },
]

for (const { title, input, expected } of FIXTURES) {
  test(`render: ${title}`, () => assert.equal(renderBody(input), expected))
}

for (const { title, input, expected } of MARKDOWN) {
  test(`render, Markdown: ${title}`, () => assert.equal(renderBody(input), expected))
}

test('render: links are counted for moderation as readers see them', () => {
  assert.equal(countLinks(renderBody('https://a.example https://b.example <a href="https://c.example">c</a>')), 3)
  assert.equal(countLinks(renderBody('www.a.example, www.b.example and www.c.example')), 3)
  assert.equal(countLinks(renderBody('<a href="javascript:alert(1)">x</a> <a>y</a> <code>https://a.example</code>')), 0, 'a link without an href is text')
  assert.equal(countLinks(renderBody('no links <abbr title="x">x</abbr>')), 0)
  assert.equal(countLinks(renderBody('[a](https://a.example) <https://b.example> [c](/c) `https://d.example`')), 2, 'Markdown links count')
})

// Each of these took the old renderer seconds (20,000 characters: 4.3 s for `)`, 1.7 s for `.)`)
// and blocked the whole process meanwhile. Linear time takes a few milliseconds; the
// budget is generous so that a busy machine does not fail it.
const PATHOLOGICAL = { ')': ')', ']': ']', '.)': '.)', '()': '()', '}': '}' }
for (const [name, unit] of Object.entries(PATHOLOGICAL)) {
  test(`render: an address followed by 20,000 characters of ${name} renders in linear time`, () => {
    for (const start of ['http://a', 'www.a']) {
      const body = start + unit.repeat(Math.ceil((20_000 - start.length) / unit.length))
      const began = performance.now()
      const html = renderBody(body)
      const took = performance.now() - began
      assert.ok(took < 250, `${start}${name}…: ${took.toFixed(0)} ms`)
      // Balanced pairs stay in the URL, which is then too long to be a link.
      assert.equal(countLinks(html), unit === '()' ? 0 : 1)
    }
  })
}

// Markdown's own worst cases (delimiter runs, brackets, nesting, unclosed tags and fences),
// each at the longest body the server takes by default.
const MARKDOWN_PATHOLOGICAL: Record<string, string> = {
  'stars and letters': '*a'.repeat(10_000),
  'open brackets': '['.repeat(20_000),
  'unclosed links': '[a]('.repeat(5_000),
  'backtick runs': '`a``b'.repeat(4_000),
  'unclosed tags': '<a '.repeat(6_666),
  'angle brackets on lines': '<\n'.repeat(10_000),
  fences: '```\n'.repeat(5_000),
  'nested quotes': '>'.repeat(20_000),
  'nested lists': Array.from({ length: 139 }, (_, i) => `${' '.repeat(i * 2)}- a`).join('\n'),
  'addresses with underscores': 'https://a.example/_b_ '.repeat(900),
}
for (const [name, body] of Object.entries(MARKDOWN_PATHOLOGICAL)) {
  test(`render, Markdown: 20,000 characters of ${name} render in linear time`, () => {
    assert.ok(body.length <= 20_000)
    const began = performance.now()
    renderBody(body)
    const took = performance.now() - began
    assert.ok(took < 250, `${name}: ${took.toFixed(0)} ms`)
  })
}
