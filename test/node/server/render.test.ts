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
  { title: 'a bare URL is linked', input: 'see https://example.org/x', expected: `<p>see <a href="https://example.org/x" ${REL}>https://example.org/x</a></p>` },
  { title: 'trailing punctuation is not part of the link', input: '(https://example.org/a).', expected: `<p>(<a href="https://example.org/a" ${REL}>https://example.org/a</a>).</p>` },
  { title: 'balanced parentheses stay in the link', input: 'https://en.example/wiki/A_(b)', expected: `<p><a href="https://en.example/wiki/A_(b)" ${REL}>https://en.example/wiki/A_(b)</a></p>` },
  { title: 'ampersands in URLs are escaped once', input: 'https://x.example/?a=1&b=2', expected: `<p><a href="https://x.example/?a=1&amp;b=2" ${REL}>https://x.example/?a=1&amp;b=2</a></p>` },
  { title: 'allowed inline tags stay', input: '<em>a</em> <strong>b</strong> <code>c</code> <del>d</del>', expected: '<p><em>a</em> <strong>b</strong> <code>c</code> <del>d</del></p>' },
  { title: 'a typed link keeps its href and gets the rel, nothing else', input: '<a href="https://x.example" target="_blank" onclick="x()">x</a>', expected: `<p><a href="https://x.example" ${REL}>x</a></p>` },
  { title: 'a URL inside a typed link is not linked twice', input: '<a href="https://x.example">https://x.example</a>', expected: `<p><a href="https://x.example" ${REL}>https://x.example</a></p>` },
  { title: 'javascript: links lose their href', input: '<a href="javascript:alert(1)">x</a>', expected: `<p><a ${REL}>x</a></p>` },
  { title: 'script tags are shown as text', input: '<script>alert(1)</script>', expected: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' },
  { title: 'event handlers never survive', input: '<b onmouseover="x()">b</b>', expected: '<p><b>b</b></p>' },
  { title: 'comparison signs and ampersands are text', input: 'a < b && c > d', expected: '<p>a &lt; b &amp;&amp; c &gt; d</p>' },
  { title: 'emoji pass through', input: 'Danke 🎉', expected: '<p>Danke 🎉</p>' },
  { title: 'www-only addresses are left as text', input: 'www.example.org', expected: '<p>www.example.org</p>' },
]

for (const { title, input, expected } of FIXTURES) {
  test(`render: ${title}`, () => assert.equal(renderBody(input), expected))
}

test('render: links are counted for moderation', () => {
  assert.equal(countLinks(renderBody('https://a.example https://b.example <a href="https://c.example">c</a>')), 3)
  assert.equal(countLinks(renderBody('no links <abbr title="x">x</abbr>')), 0)
})
