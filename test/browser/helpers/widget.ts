/** Mounting and driving <palaver-comments> as a reader would, and reading what it shows. */
import { fixture, html, oneEvent } from '@open-wc/testing'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import type { Adapter, Comment, DraftField } from '../../../src/model.js'
import '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import type { PalaverCommentForm } from '../../../src/widget/comment-form/comment-form.js'
import { nextTask } from './wait.js'

/** A memory backend with one thread, "t", titled "A post". */
export function memory(comments: Comment[], extra: { open?: boolean; title?: string } = {}) {
  return new MemoryAdapter({ threads: { t: { comments, title: extra.title ?? 'A post', open: extra.open ?? true } } })
}

/** A memory thread whose adapter also renders previews, with the given function. */
export function withPreview(preview: (body: string) => Promise<string>, comments: Comment[] = []): Adapter {
  const base = memory(comments)
  return { list: (t, p) => base.list(t, p), post: (t, d, o) => base.post(t, d, o), preview }
}

/** Mounts a widget on thread "t" with the given adapter and waits until it has loaded. */
export async function mount(adapter: Adapter, attrs: { lang?: string; maxDepth?: number; pageSize?: number } = {}) {
  const el = await fixture<PalaverComments>(html`<palaver-comments
    thread="t"
    loading="eager"
    lang=${attrs.lang ?? 'en'}
    max-depth=${attrs.maxDepth ?? 5}
    page-size=${attrs.pageSize ?? 50}
    .adapter=${adapter}
  ></palaver-comments>`)
  if (!el.shadowRoot?.querySelector('h2')?.textContent?.match(/\d/)) await oneEvent(el, 'palaver-loaded')
  await el.updateComplete
  return el
}

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector)
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)]

export function form(el: PalaverComments): PalaverCommentForm {
  const f = $<PalaverCommentForm>(el, 'palaver-comment-form')
  if (!f) throw new Error('no form')
  return f
}

export const field = <T extends HTMLElement = HTMLInputElement>(el: PalaverComments, id: string) => form(el).shadowRoot!.querySelector<T>(`#${id}`)!

/** Types into a field as a user would: value then an input event. */
export function type(el: PalaverComments, id: string, value: string) {
  const input = field<HTMLInputElement>(el, id)
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
}

export function fill(el: PalaverComments, values: Partial<Record<DraftField, string>>) {
  for (const [id, value] of Object.entries(values)) type(el, id, value)
}

/** Presses the form's submit button and waits until the widget has shown the outcome. */
export async function submit(el: PalaverComments) {
  form(el).shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
  await settle(el)
}

/** What the polite live region says. */
export const liveText = (el: Element) => $(el, '[role=status][aria-live=polite]')!.textContent!.trim()

/**
 * Lets the element finish what it started: the promises pending now (a backend in the
 * page answers in microtasks, drained by the next task), then its render and its form's,
 * again as long as a render asked for another.
 */
export async function settle(el: PalaverComments) {
  for (;;) {
    await nextTask()
    await el.updateComplete
    const f = el.shadowRoot?.querySelector<PalaverCommentForm>('palaver-comment-form')
    if (f) await f.updateComplete
    if (!el.isUpdatePending && !f?.isUpdatePending) return
  }
}
