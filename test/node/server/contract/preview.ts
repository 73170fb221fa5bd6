import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { clientFor, type Env } from '../helpers/env.js'
import { uniqueThread } from '../helpers/client.js'

const REL = 'rel="nofollow ugc noopener"'

export function preview(env: Env) {
  describe('formatting and preview', () => {
    test('a body in Markdown is stored as typed and rendered to the subset', async () => {
      const client = clientFor(env)
      const body = '**Yes**, and `code`:\n\n> quoted\n\n- [one](https://one.example)\n- www.two.example/_a_/b'
      const { comment } = await client.posted({ thread: uniqueThread(), body })
      assert.equal(
        comment.html,
        `<p><strong>Yes</strong>, and <code>code</code>:</p>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<ul>\n<li><a href="https://one.example" ${REL}>one</a></li>\n<li><a href="https://www.two.example/_a_/b" ${REL}>www.two.example/_a_/b</a></li>\n</ul>`,
      )
      assert.equal((await env().store.comment(comment.id))?.body_text, body)
    })

    test('a preview answers the HTML posting the body would store, and stores nothing', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const body = '*Hi* https://x.example/a_b_ <em>typed</em> <kbd>k</kbd>\nline two'
      const res = await client.call('POST', '/api/v1/preview', { json: { body } })
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('cache-control'), 'no-store')
      assert.deepEqual(Object.keys(res.json), ['html'])
      const { comment } = await client.posted({ thread, body })
      assert.equal(res.json.html, comment.html)
      const other = uniqueThread()
      await client.call('POST', '/api/v1/preview', { json: { body, thread: other } })
      assert.equal(await env().store.thread(other), undefined, 'no thread is created')
      assert.equal((await client.list(thread)).json.thread.count, 1, 'only the post counts')
    })

    test('a blank body or one over the limit answers 422 with the field map', async () => {
      const client = clientFor(env, { limits: { ...clientFor(env).options.limits, body: 10 } })
      const blank = await client.call('POST', '/api/v1/preview', { json: { body: '  \n ' } })
      assert.equal(blank.status, 422)
      assert.equal(blank.headers.get('content-type'), 'application/problem+json')
      assert.deepEqual(blank.json.codes, { body: 'required' })
      const long = await client.call('POST', '/api/v1/preview', { json: { body: 'x'.repeat(11) } })
      assert.deepEqual(long.json.codes, { body: 'too-long' })
      const wrong = await client.call('POST', '/api/v1/preview', { json: { body: 42 } })
      assert.equal(wrong.status, 422)
      const notJson = await client.call('POST', '/api/v1/preview', { body: 'body=x', headers: { 'content-type': 'text/plain' } })
      assert.equal(notJson.status, 415)
    })

    test('previewing spends no write token: a reader who previews can still post', async () => {
      const client = clientFor(env, { writeLimit: { burst: 1, perMinute: 1 } })
      for (let i = 0; i < 5; i++) assert.equal((await client.call('POST', '/api/v1/preview', { json: { body: `try ${i}` } })).status, 200)
      assert.equal((await client.post({ thread: uniqueThread(), body: 'posted' })).status, 201)
    })

    test('a preview from an origin that is not allowed is refused', async () => {
      const client = clientFor(env)
      const res = await client.call('POST', '/api/v1/preview', { json: { body: 'x' }, origin: 'https://elsewhere.example' })
      assert.equal(res.status, 403)
      const ok = await client.call('POST', '/api/v1/preview', { json: { body: 'x' } })
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://blog.example')
    })
  })
}
