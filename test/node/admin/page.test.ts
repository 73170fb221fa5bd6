/**
 * The moderation page (/admin, dist/palaver-admin.js) in Chromium against a real
 * `palaver serve` on SQLite and on PostgreSQL: signing in (the token never kept by the
 * browser), the queue with everything the owner sees, every action by button and by key,
 * bulk actions, search and thread filter, paging, threads, settings, two tabs kept in step
 * by the event stream, signing out and a session that ended — axe-clean in every state,
 * light and dark, English and German, with no CSP refusal.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DIALECTS } from '../server/helpers/dialects.js'
import {
  ADMIN_TOKEN,
  type AdminServer,
  admin,
  context,
  focused,
  launch,
  noViolations,
  post,
  queueShows,
  row,
  rows,
  SITE,
  signIn,
  startAdminServer,
} from './helpers.js'

const run = Date.now().toString(36)

for (const makeDatabase of DIALECTS) {
  describe(`the moderation page (${makeDatabase.name.replace('Database', '')})`, { timeout: 180_000 }, () => {
    let served: AdminServer
    let browser: Browser
    let ctx: BrowserContext
    let problems: string[]
    let page: Page
    let url = ''

    before(async () => {
      served = await startAdminServer(await makeDatabase(), ['--moderation', 'all'])
      url = served.url
      browser = await launch()
      ;({ context: ctx, problems } = await context(browser))
      page = await ctx.newPage()
    })

    after(async () => {
      if (problems?.length) console.error(problems)
      await browser?.close().catch(() => {})
      await served?.server.stop().catch(() => {})
      await served?.database.drop()
    })

    test('GET /admin is a static page with a strict CSP, in the language the browser asks for', async () => {
      const res = await fetch(`${url}/admin`, { headers: { 'accept-language': 'fr, de;q=0.8, en;q=0.5' } })
      assert.equal(res.status, 200)
      const csp = res.headers.get('content-security-policy') ?? ''
      assert.match(csp, /script-src 'self'(;|$)/)
      assert.match(csp, /default-src 'none'/)
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
      const text = await res.text()
      assert.match(text, /<html lang="de">/)
      assert.doesNotMatch(text, /<script>|<style|style=/, 'no inline script or style')
      assert.match(text, /<script src="\/palaver-admin.js" defer><\/script>/)
      const js = await fetch(`${url}/palaver-admin.js`)
      assert.equal(js.status, 200)
      assert.match(js.headers.get('content-type') ?? '', /javascript/)
      assert.match((await (await fetch(`${url}/admin`)).text()) as string, /<html lang="en">/)
    })

    test('signing in: a wrong token is refused with a message; the right one opens the queue; the token is not kept', async () => {
      await page.goto(`${url}/admin`)
      await admin(page).locator('#token').waitFor()
      await noViolations(page, 'sign-in form')
      await signIn(page, url, 'not-the-token-at-all-0123456789')
      await admin(page).getByText('That token is not right.').waitFor()
      await noViolations(page, 'sign-in refused')
      await signIn(page, url)
      await admin(page).getByRole('heading', { name: 'Pending comments' }).waitFor()
      await admin(page).getByText('Signed in as Blog Owner').waitFor()
      const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }))
      assert.ok(!stored.includes(ADMIN_TOKEN), 'the token is not in storage or a readable cookie')
      const cookies = await ctx.cookies()
      const session = cookies.find((c) => c.name === 'palaver_admin')
      assert.ok(session, 'a session cookie')
      assert.equal(session.httpOnly, true)
      assert.equal(session.sameSite, 'Strict')
      assert.equal(session.path, '/api/v1/admin')
      assert.notEqual(session.value, ADMIN_TOKEN)
    })

    const FIRST = `First held comment ${run}`
    const SECOND = `Second held comment with *emphasis* ${run}`
    const THIRD = `Third held comment ${run}`

    test('the queue shows every held comment newest first, with what only the owner sees, the body as readers get it', async () => {
      await post(url, '/posts/one', FIRST, { name: 'Ann Author', email: 'ann@example.org', url: 'https://ann.example/' })
      await post(url, '/posts/one', SECOND, { name: 'Ben Author', email: 'ben@example.org' })
      await post(url, '/posts/two', THIRD, { name: 'Cy Author', email: 'cy@example.org' })
      await page.reload()
      await queueShows(page, [THIRD, SECOND.replace('*emphasis*', 'emphasis'), FIRST])
      const ann = row(page, FIRST)
      await ann.getByText('ann@example.org').waitFor()
      assert.equal(await ann.getByRole('link', { name: 'https://ann.example/' }).getAttribute('href'), 'https://ann.example/')
      assert.equal(await ann.getByRole('link', { name: 'Post /posts/one' }).getAttribute('href'), 'https://blog.example/posts/one')
      await ann.getByText('every comment is moderated').waitFor()
      assert.match((await ann.locator('dd').nth(3).textContent()) ?? '', /127\.0\.0\.0|::/, 'the stored network prefix')
      assert.equal(await row(page, 'Second held').locator('.body em').textContent(), 'emphasis', 'rendered as readers see it')
      assert.match((await admin(page).locator('admin-queue button[data-status="pending"]').textContent()) ?? '', /\(3\)/)
      await noViolations(page, 'queue (light)')
    })

    test('approve by button: the comment leaves the queue, the focus goes to the next one, it shows under Approved', async () => {
      await row(page, SECOND.slice(0, 20)).getByRole('button', { name: 'Approve' }).click()
      await queueShows(page, [THIRD, FIRST])
      await admin(page).getByText('1 comment approved.').waitFor()
      const now = await focused(page)
      assert.equal(now.tag, 'article')
      assert.match(now.text, new RegExp(FIRST))
      await admin(page).locator('admin-queue button[data-status="approved"]').click()
      await admin(page).getByRole('heading', { name: 'Approved comments' }).waitFor()
      await row(page, 'Second held').waitFor()
      await noViolations(page, 'approved view')
      await admin(page).locator('admin-queue button[data-status="pending"]').click()
      await queueShows(page, [THIRD, FIRST])
    })

    test('keyboard: j/k move, s marks spam, d deletes, ? opens the help; letters typed in a field do nothing', async () => {
      await rows(page)
        .first()
        .click({ position: { x: 5, y: 5 } })
      await page.keyboard.press('j')
      assert.match((await focused(page)).text, new RegExp(FIRST))
      await page.keyboard.press('k')
      assert.match((await focused(page)).text, new RegExp(THIRD))
      // Typing in the search field is typing, not shortcuts.
      await admin(page).getByLabel('Search name, email and text').fill('sad')
      await admin(page).getByLabel('Search name, email and text').press('s')
      await admin(page).getByLabel('Search name, email and text').fill('')
      await queueShows(page, [THIRD, FIRST])
      await page.keyboard.press('?')
      assert.equal(await admin(page).getByRole('dialog').count(), 0, 'no help while typing in a field')
      await rows(page).first().locator('article').focus()
      await page.keyboard.press('?')
      await admin(page).getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
      await noViolations(page, 'help dialog')
      await page.keyboard.press('Escape')
      await rows(page).first().locator('article').focus()
      await page.keyboard.press('s')
      await queueShows(page, [FIRST])
      await admin(page).getByText('1 comment marked as spam.').waitFor()
      assert.match((await focused(page)).text, new RegExp(FIRST), 'focus on the comment that took its place')
      await page.keyboard.press('d')
      await queueShows(page, [])
      await admin(page).getByText('No comments here.').waitFor()
      await noViolations(page, 'empty queue')
      await admin(page).locator('admin-queue button[data-status="spam"]').click()
      await queueShows(page, [THIRD])
      await admin(page).locator('admin-queue button[data-status="deleted"]').click()
      // Deleting erases name, email and text (the place in the thread stays).
      await queueShows(page, ['Its name, email and text were removed when it was deleted.'])
      await noViolations(page, 'deleted view')
      await admin(page).locator('admin-queue button[data-status="pending"]').click()
    })

    test('bulk: select all on the page and approve them in one go', async () => {
      const bodies = [1, 2, 3].map((n) => `Bulk comment ${n} ${run}`)
      for (const body of bodies) await post(url, '/posts/bulk', body)
      await page.reload()
      await queueShows(page, [...bodies].reverse())
      await admin(page).getByLabel('Select all on this page').check()
      await admin(page).getByText('3 selected').waitFor()
      await admin(page).locator('admin-queue button[data-bulk="approve"]').click()
      await queueShows(page, [])
      await admin(page).getByText('3 comments approved.').waitFor()
    })

    test('edit the body in place, then reply as the owner with r: the held comment is approved, the reply carries the badge', async () => {
      const body = `Please fix my typo: teh ${run}`
      await post(url, '/posts/edit', body, { name: 'Tia Typo', email: 'tia@example.org' })
      await page.reload()
      await queueShows(page, [body])
      await row(page, 'teh').getByRole('button', { name: 'Edit' }).click()
      const editor = row(page, 'teh').getByLabel('Text of the comment by Tia Typo')
      assert.equal(await editor.inputValue(), body, 'the text as written')
      await noViolations(page, 'inline editor')
      await editor.fill(`Please fix my typo: the **fixed** ${run}`)
      await row(page, 'teh').getByRole('button', { name: 'Save' }).click()
      await queueShows(page, [`Please fix my typo: the fixed ${run}`])
      await admin(page).getByText('Saved.').waitFor()
      assert.equal(await rows(page).first().locator('.body strong').textContent(), 'fixed')
      assert.equal((await focused(page)).tag, 'article', 'the focus back on the comment')

      await page.keyboard.press('r')
      const reply = rows(page).first().getByLabel('Your reply to Tia Typo, as the site owner')
      await reply.waitFor()
      assert.equal((await focused(page)).tag, 'textarea', 'r opens the reply field with the cursor in it')
      // Typing "a" and "d" in the reply must not approve or delete anything.
      await page.keyboard.type(`Thanks, fixed and approved ${run}`)
      await noViolations(page, 'reply field')
      await rows(page).first().getByRole('button', { name: 'Publish reply' }).click()
      await admin(page).getByText('Your reply is published.').waitFor()
      await queueShows(page, [])
      await admin(page).locator('admin-queue button[data-status="approved"]').click()
      const owner = row(page, `Thanks, fixed and approved ${run}`)
      await owner.getByRole('heading', { name: 'Blog Owner Site owner' }).waitFor()
      await row(page, 'Please fix my typo').waitFor()
      const readers = (await (await fetch(`${url}/api/v1/comments?thread=${encodeURIComponent('/posts/edit')}`, { headers: { origin: SITE } })).json()) as {
        comments: { body?: string; html?: string; author: { name: string; role?: string }; replies?: unknown }[]
      }
      const text = JSON.stringify(readers)
      assert.match(text, /Thanks, fixed and approved/, 'readers see the reply')
      assert.match(text, /"role":"owner"/, 'as the owner')
      assert.doesNotMatch(text, /tia@example\.org/, 'and never the email')
      await admin(page).locator('admin-queue button[data-status="pending"]').click()
      await queueShows(page, [])
    })

    test('search and thread filter narrow the queue; paging shows 50 and then the rest', async () => {
      for (let n = 0; n < 52; n++)
        await post(url, n % 2 ? '/posts/odd' : '/posts/even', `Paged ${n} ${n === 7 ? 'needle' : ''} ${run}`, {
          name: `Reader ${n}`,
          email: `r${n}@example.org`,
        })
      await page.reload()
      await admin(page).locator('admin-queue admin-comment').nth(49).waitFor()
      assert.equal(await rows(page).count(), 50)
      await admin(page).getByRole('button', { name: 'Show more' }).click()
      await admin(page).locator('admin-queue admin-comment').nth(51).waitFor()
      assert.equal(await rows(page).count(), 52)
      await admin(page).getByLabel('Search name, email and text').fill('needle')
      await admin(page).getByRole('button', { name: 'Apply' }).click()
      await queueShows(page, [`Paged 7 needle ${run}`])
      await admin(page).getByLabel('Search name, email and text').fill('r8@example')
      await admin(page).getByRole('button', { name: 'Apply' }).click()
      await queueShows(page, [`Paged 8  ${run}`])
      await admin(page).getByRole('button', { name: 'Clear filters' }).click()
      await admin(page).getByLabel('Thread', { exact: true }).fill('/posts/odd')
      await admin(page).getByRole('button', { name: 'Apply' }).click()
      await page.waitForFunction(() => true)
      await rows(page).nth(25).waitFor()
      assert.equal(await rows(page).count(), 26)
      await noViolations(page, 'filtered queue')
      await admin(page).getByRole('button', { name: 'Clear filters' }).click()
      await rows(page).nth(49).waitFor()
    })

    test('the page is axe-clean in the dark and in German: queue, help, threads, settings', async () => {
      const dark = await context(browser, { colorScheme: 'dark', locale: 'de-DE' })
      const other = await dark.context.newPage()
      await signIn(other, url)
      await admin(other).getByRole('heading', { name: 'Wartend: Kommentare' }).waitFor()
      await rows(other).first().waitFor()
      await noViolations(other, 'queue, dark, German')
      await other.keyboard.press('?')
      await admin(other).getByRole('dialog', { name: 'Tastenkürzel' }).waitFor()
      await noViolations(other, 'help, dark, German')
      await other.keyboard.press('Escape')
      await admin(other).getByRole('button', { name: 'Threads' }).click()
      await admin(other).locator('admin-threads li').first().waitFor()
      await noViolations(other, 'threads, dark, German')
      await admin(other).getByRole('button', { name: 'Einstellungen' }).click()
      await admin(other).getByLabel('Moderation').waitFor()
      await noViolations(other, 'settings, dark, German')
      await dark.context.close()
      assert.deepEqual(dark.problems, [])
    })

    test('live: two tabs stay in step — a new comment shows in both, an approval in one leaves the other', async () => {
      const second = await ctx.newPage()
      await second.goto(`${url}/admin`)
      await admin(second).getByRole('heading', { name: 'Pending comments' }).waitFor()
      await admin(page).locator('admin-queue button[data-status="pending"]').click()
      await admin(page).getByLabel('Thread', { exact: true }).fill('/posts/live')
      await admin(page).getByRole('button', { name: 'Apply' }).click()
      await admin(second).getByLabel('Thread', { exact: true }).fill('/posts/live')
      await admin(second).getByRole('button', { name: 'Apply' }).click()
      await queueShows(page, [])
      await queueShows(second, [])
      const body = `Arrives live ${run}`
      await post(url, '/posts/live', body)
      await queueShows(page, [body])
      await queueShows(second, [body])
      await admin(second).getByText('1 new comment.').waitFor()
      await row(page, 'Arrives live').getByRole('button', { name: 'Approve' }).click()
      await queueShows(page, [])
      await queueShows(second, [])
      await noViolations(second, 'second tab after a live change')
      await second.close()
      await admin(page).getByRole('button', { name: 'Clear filters' }).click()
    })

    test('threads: counts, close and open again, and a title of the owner that wins', async () => {
      await admin(page).getByRole('button', { name: 'Threads' }).click()
      const one = admin(page).locator('admin-threads li[data-thread="/posts/one"]')
      await one.waitFor()
      assert.match((await one.locator('.counts').textContent()) ?? '', /Approved 1/)
      await noViolations(page, 'threads')
      await one.getByRole('button', { name: 'Close for comments' }).click()
      await one.locator('.state', { hasText: 'Closed' }).waitFor()
      const list = await fetch(`${url}/api/v1/comments?thread=${encodeURIComponent('/posts/one')}`, { headers: { origin: SITE } })
      const formToken = ((await list.json()) as { thread: { formToken: string; open?: boolean } }).thread.formToken
      const refused = await fetch(`${url}/api/v1/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: SITE },
        body: JSON.stringify({ thread: '/posts/one', parentId: null, author: { name: 'Late', email: 'late@example.org' }, body: 'Too late', formToken }),
      })
      assert.equal(refused.status, 403, 'a closed thread takes no comment')
      await one.getByRole('button', { name: 'Open for comments' }).click()
      await one.locator('.state', { hasText: 'Open' }).waitFor()
      await one.getByLabel('Title of /posts/one').fill(`The owner's title ${run}`)
      await one.getByRole('button', { name: 'Save title' }).click()
      await admin(page).getByText('Thread saved.').waitFor()
      await one.getByRole('heading', { name: `The owner's title ${run}` }).waitFor()
      await page.reload()
      await admin(page)
        .locator('admin-threads li[data-thread="/posts/one"]')
        .getByRole('heading', { name: `The owner's title ${run}` })
        .waitFor()
      await admin(page).locator('admin-threads li[data-thread="/posts/one"]').getByRole('button', { name: 'Show comments' }).click()
      await admin(page).getByRole('heading', { name: 'Pending comments' }).waitFor()
      assert.equal(await admin(page).getByLabel('Thread', { exact: true }).inputValue(), '/posts/one')
      await admin(page).getByRole('button', { name: 'Clear filters' }).click()
    })

    test('settings: a flag fixes moderation (shown disabled, saying so); link limit and blocked words are saved', async () => {
      await admin(page).getByRole('button', { name: 'Settings' }).click()
      const moderation = admin(page).getByLabel('Moderation')
      await moderation.waitFor()
      assert.equal(await moderation.isDisabled(), true)
      await admin(page).locator('admin-settings [data-field="moderation"]').getByText('Set by a command-line flag; change it there.').waitFor()
      await noViolations(page, 'settings')
      const limit = admin(page).getByLabel('Most links a comment may have before it is held')
      assert.equal(await limit.isDisabled(), false)
      await limit.fill('5')
      await admin(page)
        .getByLabel(/^Blocked words/)
        .fill('casino\nlottery')
      await admin(page).getByRole('button', { name: 'Save settings' }).click()
      await admin(page).getByText('Settings saved.').waitFor()
      await page.reload()
      await admin(page).getByLabel('Most links a comment may have before it is held').waitFor()
      assert.equal(await admin(page).getByLabel('Most links a comment may have before it is held').inputValue(), '5')
      assert.equal(
        await admin(page)
          .getByLabel(/^Blocked words/)
          .inputValue(),
        'casino\nlottery',
      )
      await admin(page).getByRole('button', { name: 'Comments' }).click()
      await admin(page).getByRole('heading', { name: 'Pending comments' }).waitFor()
    })

    test('signing out ends the session on the server: back to the form, the cookie no longer works', async () => {
      await admin(page).getByRole('button', { name: 'Sign out' }).click()
      await admin(page).getByText('You are signed out.').waitFor()
      await noViolations(page, 'signed out')
      const status = await page.evaluate(async () => (await fetch('/api/v1/admin/comments')).status)
      assert.equal(status, 401)
    })

    test('a session that ends elsewhere sends the page back to the form with a message, and back to the same view after signing in', async () => {
      await signIn(page, url)
      await admin(page).locator('admin-queue button[data-status="spam"]').click()
      await admin(page).getByRole('heading', { name: 'Spam comments' }).waitFor()
      // Ending the session from another tab of the same browser (same cookie).
      const elsewhere = await ctx.newPage()
      await elsewhere.goto(`${url}/admin`)
      await admin(elsewhere).getByRole('button', { name: 'Sign out' }).click()
      await admin(elsewhere).getByText('You are signed out.').waitFor()
      await elsewhere.close()
      // The page's next request meets 401 (unless its event stream noticed first): Apply asks again for the same view.
      await admin(page)
        .getByRole('button', { name: 'Apply' })
        .click({ timeout: 1_000 })
        .catch(() => {})
      await admin(page).getByText('Your session has ended. Sign in again to continue where you were.').waitFor()
      await noViolations(page, 'session ended')
      await admin(page).locator('#token').fill(ADMIN_TOKEN)
      await admin(page).getByRole('button', { name: 'Sign in' }).click()
      await admin(page).getByRole('heading', { name: 'Spam comments' }).waitFor()
      assert.deepEqual(problems, [], 'no page error and no CSP refusal')
    })
  })
}
