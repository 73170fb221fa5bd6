/**
 * The admin page's Data section in Chromium against a real `palaver serve` on SQLite and
 * PostgreSQL: the export links download, a WXR upload through the page (dry run first,
 * then for real, then again changing nothing) shows its summary and the imported threads,
 * a reader's data is shown and erased only after the address is typed again — the result
 * taking the focus, axe-clean in light and in dark German.
 */
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DIALECTS } from '../server/helpers/dialects.js'
import { type AdminServer, admin, context, focused, launch, noViolations, post, signIn, startAdminServer } from './helpers.js'

const WXR = fileURLToPath(new URL('../../fixtures/import/wordpress.xml', import.meta.url))

/** The data section, signing in first when the context has no session yet. */
async function openData(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/admin`)
  const token = admin(page).locator('#token')
  const nav = admin(page).locator('nav button[data-section="data"]')
  await token.or(nav).waitFor()
  if (await token.isVisible()) await signIn(page, url)
  await nav.click()
  await admin(page).locator('admin-data #import-file').waitFor()
}

async function upload(page: Page, dryRun: boolean): Promise<string> {
  const data = admin(page).locator('admin-data')
  await data.locator('#import-file').setInputFiles(WXR)
  await data.locator('#import-dry-run').setChecked(dryRun)
  await data.getByRole('button', { name: /^(Import|Importieren)$/ }).click()
  await data.locator('#import-result li').first().waitFor()
  return ((await data.locator('#import-result').textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

for (const makeDatabase of DIALECTS) {
  describe(`the admin page's data section (${makeDatabase.name.replace('Database', '')})`, { timeout: 180_000 }, () => {
    let served: AdminServer
    let browser: Browser
    let ctx: BrowserContext
    let problems: string[]
    let page: Page

    before(async () => {
      served = await startAdminServer(await makeDatabase())
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

    test('the export links download the JSON and the WXR export with the session', async () => {
      await openData(page, served.url)
      await noViolations(page, 'data section')
      for (const [name, file] of [
        ['Download the Palaver export (JSON)', 'palaver-export.json'],
        ['Download as WordPress export (WXR)', 'palaver-export.xml'],
      ]) {
        const [download] = await Promise.all([page.waitForEvent('download'), admin(page).getByRole('link', { name }).click()])
        assert.equal(download.suggestedFilename(), file)
        assert.equal(await download.failure(), null)
      }
    })

    test('a WXR upload: a dry run stores nothing, the import shows its summary and the threads, a second one changes nothing', async () => {
      await openData(page, served.url)
      const dry = await upload(page, true)
      assert.match(dry, /Dry run: nothing was stored/)
      assert.match(dry, /Threads: 3 new, 0 already there/)
      assert.equal((await focused(page)).host, 'admin-data', 'the result takes the focus')
      const threadsBefore = await (await fetch(`${served.url}/api/v1/comments?thread=${encodeURIComponent('/blog/2019/05/gruesse-aus-koeln')}`)).json()
      assert.equal((threadsBefore as { comments: unknown[] }).comments.length, 0, 'the dry run stored nothing')

      const real = await upload(page, false)
      assert.match(real, /^Imported:/)
      assert.match(real, /Threads: 3 new, 0 already there/)
      assert.match(real, /Comments: [1-9]\d* /)
      await noViolations(page, 'import summary')

      const again = await upload(page, false)
      assert.match(again, /Threads: 0 new, 3 already there/)
      assert.match(again, /Comments: 0 /)

      const data = admin(page).locator('admin-data')
      await data.locator('#import-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes') })
      await data.getByRole('button', { name: 'Import', exact: true }).click()
      await data.getByText('That did not work: Cannot tell what the file is').waitFor()
      assert.equal((await focused(page)).host, 'admin-data')
      await noViolations(page, 'import refused')

      await admin(page).locator('nav button[data-section="threads"]').click()
      await admin(page).locator('admin-threads').getByText('Grüße aus Köln — ein Anfang').first().waitFor()
    })

    test("a reader's data: shown, downloadable, erased only after the address is typed again", async () => {
      await post(served.url, '/data/post', 'A comment Rita wants gone.', { name: 'Rita', email: 'Rita@Example.org' })
      await openData(page, served.url)
      const data = admin(page).locator('admin-data')
      await data.locator('#reader-email').fill('rita@example.org')
      await data.getByRole('button', { name: 'Show data' }).click()
      await data.getByText('1 comments and 0 reply subscriptions').waitFor()
      assert.equal((await focused(page)).host, 'admin-data')
      const [download] = await Promise.all([page.waitForEvent('download'), data.getByRole('link', { name: 'Download the data (JSON)' }).click()])
      assert.equal(download.suggestedFilename(), 'palaver-personal-data.json')

      await data.getByRole('button', { name: 'Erase…' }).click()
      assert.equal((await focused(page)).tag, 'input', 'the confirmation field takes the focus')
      await noViolations(page, 'erase confirmation')
      await data.locator('#confirm-email').fill('someone@else.example')
      await data.getByRole('button', { name: 'Erase for good' }).click()
      await data.getByText('The two addresses differ.').waitFor()
      const still = (await (await fetch(`${served.url}/api/v1/comments?thread=%2Fdata%2Fpost`)).json()) as { comments: { bodyHtml?: string }[] }
      assert.match(JSON.stringify(still), /Rita wants gone/, 'nothing erased yet')

      await data.locator('#confirm-email').fill(' RITA@example.org')
      await data.getByRole('button', { name: 'Erase for good' }).click()
      await data.getByText('Erased 1 comments in 1 threads; 0 subscriptions ended.').waitFor()
      const gone = await (await fetch(`${served.url}/api/v1/comments?thread=%2Fdata%2Fpost`)).text()
      assert.doesNotMatch(gone, /Rita wants gone/)
    })

    test('the data section is axe-clean in the dark and in German', async () => {
      const dark = await context(browser, { colorScheme: 'dark', locale: 'de-DE' })
      const other = await dark.context.newPage()
      try {
        await openData(other, served.url)
        await admin(other).getByRole('heading', { name: 'Daten', exact: true }).waitFor()
        await noViolations(other, 'data, dark, German')
        await upload(other, true)
        await admin(other).getByText('Probelauf: nichts wurde gespeichert').waitFor()
        await noViolations(other, 'import summary, dark, German')
        assert.deepEqual(dark.problems, [])
      } finally {
        await dark.context.close()
      }
    })
  })
}
