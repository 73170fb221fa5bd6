import { fixture, html, oneEvent } from '@open-wc/testing'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import type { Adapter, Comment } from '../../../src/model.js'
import '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import type { PalaverCommentForm } from '../../../src/widget/comment-form/comment-form.js'

let clock = Date.parse('2026-03-02T09:00:00Z')

/** A comment with sensible defaults; times increase with each call so order is stable. */
export function comment(id: string, over: Partial<Comment> = {}): Comment {
  clock += 60_000
  return {
    id,
    parentId: null,
    kind: 'comment',
    author: { name: `Author ${id}`, url: null, avatar: `seed-${id}` },
    html: `<p>Body of ${id}</p>`,
    createdAt: new Date(clock).toISOString(),
    editedAt: null,
    status: 'approved',
    ...over,
  }
}

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

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  [...el.shadowRoot!.querySelectorAll<T>(selector)]

export function form(el: PalaverComments): PalaverCommentForm {
  const f = $<PalaverCommentForm>(el, 'palaver-comment-form')
  if (!f) throw new Error('no form')
  return f
}

export const field = <T extends HTMLElement = HTMLInputElement>(el: PalaverComments, id: string) =>
  form(el).shadowRoot!.querySelector<T>(`#${id}`)!

/** Types into a field as a user would: value then an input event. */
export function type(el: PalaverComments, id: string, value: string) {
  const input = field<HTMLInputElement>(el, id)
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
}

/** Lets the element finish what it started: a few tasks, and while it shows the skeleton (loading), a few more. */
export async function settle(el: PalaverComments) {
  for (let i = 0; i < 3 || (i < 20 && el.shadowRoot?.querySelector('.skeleton')); i++) {
    await new Promise((r) => setTimeout(r, 0))
    await el.updateComplete
    const f = el.shadowRoot?.querySelector<PalaverCommentForm>('palaver-comment-form')
    if (f) await f.updateComplete
  }
}
