/**
 * /mail/… — where the links in mail lead (pages.ts renders them):
 *
 * - /mail/moderate/<token>: the owner's Approve / Spam / Delete without signing in. GET shows
 *   the comment and a button; the button's POST acts, through the comments service like
 *   the admin API. The link must be signed by this server (links.ts), unexpired and unused;
 *   acting spends it and the other links of its mail.
 * - /mail/unsubscribe/<token>: GET asks, POST unsubscribes — from the page's button, or
 *   straight from a mail program (RFC 8058 one-click: `List-Unsubscribe=One-Click`, no page).
 *   Unsubscribing twice is fine.
 */
import { Hono, type Context } from 'hono'
import { HttpProblem } from '../problem.js'
import type { Deps } from '../routes/deps.js'
import type { CommentRow, ThreadRow } from '../store.js'
import { html } from './html.js'
import { readModerationToken, readUnsubscribeToken, type ModerationAction, type ModerationLink } from './links.js'
import { mailMessages, type MailMessages } from './messages.js'
import { commentBlock, confirmForm, page, refusal } from './pages.js'
import { MailQueue } from './queue.js'

/** The status an action leaves a comment in: asking for it again changes nothing. */
const RESULT: Record<ModerationAction, CommentRow['status']> = { approve: 'approved', spam: 'spam', delete: 'deleted' }

const browserLanguage = (c: Context) => c.req.header('accept-language')?.split(',')[0]?.split(';')[0]?.trim()

interface Target {
  m: MailMessages
  link: ModerationLink
  comment: CommentRow
  thread: ThreadRow | undefined
}

export function mailRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { store, comments, options } = deps
  const queue = new MailQueue(store.db, store.dialect)

  /** The comment a moderation link may act on now, or the page saying why it may not. */
  async function target(c: Context): Promise<Target | Response> {
    const check = readModerationToken(options.secret, c.req.param('token') ?? '', options.now())
    if (!check.ok) {
      const m = mailMessages(browserLanguage(c))
      return refusal(m, check.reason === 'expired' ? 410 : 404, check.reason === 'expired' ? m.pages.expired : m.pages.invalid, m.pages.instead)
    }
    const { link } = check
    const comment = await store.comment(link.commentId)
    const thread = comment ? await store.thread(comment.thread_key) : undefined
    const m = mailMessages(thread?.lang ?? browserLanguage(c))
    if (await queue.linkUsed(link.nonce)) return refusal(m, 410, m.pages.used, m.pages.instead)
    if (!comment || (comment.status === 'deleted' && link.action !== 'delete')) return page(m, 404, m.pages.gone, html``)
    if (comment.status === RESULT[link.action]) return page(m, 200, m.pages.already[link.action], commentBlock(m, comment, thread))
    return { m, link, comment, thread }
  }

  app.get('/moderate/:token', async (c) => {
    const found = await target(c)
    if (found instanceof Response) return found
    const { m, link, comment, thread } = found
    return page(m, 200, m.pages.confirm[link.action], html`${commentBlock(m, comment, thread)}${confirmForm(m.actions[link.action], m.pages.nothingYet)}`)
  })

  app.post('/moderate/:token', async (c) => {
    const found = await target(c)
    if (found instanceof Response) return found
    const { m, link, comment } = found
    // Spent before acting: of two clicks at once, exactly one acts.
    if (!(await queue.useLink(link.nonce, options.now()))) return refusal(m, 410, m.pages.used, m.pages.instead)
    try {
      if (link.action === 'approve') await comments.approve(comment.id)
      else if (link.action === 'spam') await comments.markSpam(comment.id)
      else await comments.remove(comment.id, 'admin')
    } catch (error) {
      if (error instanceof HttpProblem && error.status === 404) return page(m, 404, m.pages.gone, html``)
      throw error
    }
    return page(m, 200, m.pages.done[link.action], html``)
  })

  /** The subscription the link names (null once it is gone), in its thread's language; or the refusal. */
  async function subscriptionOf(c: Context) {
    const id = readUnsubscribeToken(options.secret, c.req.param('token') ?? '')
    if (id === null) {
      const m = mailMessages(browserLanguage(c))
      return refusal(m, 404, m.pages.invalid, null)
    }
    const subscription = (await queue.subscription(id)) ?? null
    const thread = subscription ? await store.thread(subscription.thread_key) : undefined
    const m = mailMessages(thread?.lang ?? browserLanguage(c))
    return { id, subscription, m, title: thread?.owner_title || thread?.title || subscription?.thread_key || null }
  }

  const unsubscribed = (m: MailMessages, title: string | null) =>
    page(m, 200, m.pages.unsubscribe.done, title === null ? html`` : html`<p>${m.pages.unsubscribe.doneText(title)}</p>`)

  app.get('/unsubscribe/:token', async (c) => {
    const found = await subscriptionOf(c)
    if (found instanceof Response) return found
    const { m, subscription, title } = found
    if (!subscription) return unsubscribed(m, null)
    const u = m.pages.unsubscribe
    return page(m, 200, u.title, html`<p>${u.text(title ?? '')}</p>${confirmForm(u.button, m.pages.nothingYet)}`)
  })

  app.post('/unsubscribe/:token', async (c) => {
    const found = await subscriptionOf(c)
    if (found instanceof Response) return found
    await queue.unsubscribe(found.id)
    return unsubscribed(found.m, found.title)
  })

  return app
}
