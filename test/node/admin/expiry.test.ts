/**
 * A session that expires (`--admin-session 1m`, the shortest the server takes): the idle
 * page goes back to the sign-in form by itself, says why, and after signing in again shows
 * the view it was in. On SQLite only: what it tests is the page and the cookie's lifetime;
 * the session rows' expiry on both dialects is the server's suite.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { sqliteDatabase } from '../server/helpers/dialects.js'
import { ADMIN_TOKEN, type AdminServer, admin, context, launch, noViolations, signIn, startAdminServer } from './helpers.js'

describe('an expiring admin session (sqlite)', { timeout: 150_000 }, () => {
  let served: AdminServer
  let browser: Browser
  let page: Page
  let problems: string[]

  before(async () => {
    served = await startAdminServer(await sqliteDatabase(), ['--admin-session', '1m'])
    browser = await launch()
    const made = await context(browser)
    problems = made.problems
    page = await made.context.newPage()
  })

  after(async () => {
    await browser?.close().catch(() => {})
    await served?.server.stop().catch(() => {})
    await served?.database.drop()
  })

  test('after its minute the page shows the sign-in form with a message, then returns to the same view', async () => {
    await signIn(page, served.url)
    await admin(page).locator('admin-queue button[data-status="spam"]').click()
    await admin(page).getByRole('heading', { name: 'Spam comments' }).waitFor()
    const started = Date.now()
    await admin(page).getByText('Your session has ended. Sign in again to continue where you were.').waitFor({ timeout: 75_000 })
    assert.ok(Date.now() - started > 50_000, 'not before the session ran out')
    await noViolations(page, 'session expired')
    const status = await page.evaluate(async () => (await fetch('/api/v1/admin/comments')).status)
    assert.equal(status, 401, 'the expired cookie opens nothing')
    await admin(page).locator('#token').fill(ADMIN_TOKEN)
    await admin(page).getByRole('button', { name: 'Sign in' }).click()
    await admin(page).getByRole('heading', { name: 'Spam comments' }).waitFor()
    assert.deepEqual(problems, [])
  })
})
