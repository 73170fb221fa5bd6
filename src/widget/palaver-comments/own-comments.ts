import type { LitElement, ReactiveController } from 'lit'
import { toPalaverError } from '../../core/errors.js'
import type { Messages } from '../../i18n/index.js'
import type { Comment } from '../../model.js'
import type { ThreadStore } from '../../state/thread.js'
import { problemText } from '../field-problem.js'
import { anchorOf } from '../comment-list/comment-list.js'
import type { OwnActions } from '../comment-list/own-comment.js'

interface OwnDeps {
  store: () => ThreadStore | null
  messages: () => Messages
  /** Says something in the widget's polite live region. */
  announce: (text: string) => void
  /** Focuses a comment once it is rendered. */
  focusComment: (id: string) => void
}

/**
 * Edit and Delete of the reader's own comments: which comment is being edited or
 * confirmed, and the focus moves around them. The store does the work.
 */
export class OwnComments implements ReactiveController {
  #editing: OwnActions['editing'] = null
  #confirming: string | null = null
  /** Bumped when an edit window closes: the list's context changes, so Edit and Delete go. */
  #version = 0
  #windowEnd: number | null = null
  #timer: ReturnType<typeof setTimeout> | undefined
  readonly #host: LitElement
  readonly #deps: OwnDeps

  constructor(host: LitElement, deps: OwnDeps) {
    this.#host = host
    this.#deps = deps
    host.addController(this)
  }

  get editing(): OwnActions['editing'] {
    return this.#editing
  }

  get confirming(): string | null {
    return this.#confirming
  }

  get version(): number {
    return this.#version
  }

  #set(editing: OwnActions['editing'], confirming: string | null): void {
    this.#editing = editing
    this.#confirming = confirming
    this.#host.requestUpdate()
  }

  #focus(selector: string): void {
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus())
  }

  /** What the list calls; a new object only when what it shows changes. */
  actions(): OwnActions {
    return { ...this.#actions, editing: this.#editing, confirming: this.#confirming }
  }

  /**
   * Keeps a timer on the next edit window to close, so the controls go when it does
   * without a reload (the open editor stays with the text; Save then says the time is over).
   */
  hostUpdated(): void {
    const end = this.#deps.store()?.nextExpiry() ?? null
    if (end === this.#windowEnd) return
    clearTimeout(this.#timer)
    this.#windowEnd = end
    if (end !== null) {
      this.#timer = setTimeout(
        () => {
          this.#windowEnd = null
          this.#version++
          this.#confirming = null
          this.#host.requestUpdate()
        },
        end - Date.now() + 1,
      )
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer)
    this.#windowEnd = null
    this.#editing = null
    this.#confirming = null
  }

  readonly #actions: Omit<OwnActions, 'editing' | 'confirming'> = {
    canChange: (c: Comment) => !!c.mine && c.status !== 'deleted' && !!this.#deps.store()?.editable(c.id),
    startEdit: (c) => {
      this.#set({ id: c.id, text: this.#deps.store()?.editable(c.id)?.text ?? '', busy: false, error: null }, null)
      this.#focus(`[id="edit-${CSS.escape(c.id)}"]`)
    },
    // Typing changes the text in place: a new object would re-render every chunk per key.
    input: (text) => {
      const editing = this.#editing
      if (!editing) return
      if (editing.error) this.#set({ ...editing, text, error: null }, null)
      else editing.text = text
    },
    save: async () => {
      const editing = this.#editing
      const store = this.#deps.store()
      if (!editing || editing.busy || !store) return
      const m = this.#deps.messages()
      if (!editing.text.trim()) return this.#set({ ...editing, error: m.fieldRequired(m.body) }, null)
      this.#set({ ...editing, busy: true }, null)
      try {
        await store.edit(editing.id, editing.text)
        this.#set(null, null)
        this.#deps.announce(m.saved)
        this.#deps.focusComment(editing.id)
      } catch (error) {
        const e = toPalaverError(error)
        this.#set({ ...editing, busy: false, error: e.fields.body ? problemText(m, 'body', e.fields.body) : m.errors[e.kind] }, null)
      }
    },
    cancel: () => {
      const id = this.#editing?.id
      this.#set(null, null)
      if (id) this.#deps.focusComment(id)
    },
    askRemove: (c) => {
      this.#set(null, c.id)
      this.#focus('.confirm button')
    },
    confirmRemove: async () => {
      const id = this.#confirming
      const store = this.#deps.store()
      if (!id || !store) return
      const m = this.#deps.messages()
      try {
        await store.remove(id)
        this.#deps.announce(m.removed)
        this.#focus('#heading')
      } catch (error) {
        this.#deps.announce(m.errors[toPalaverError(error).kind])
      }
      this.#set(null, null)
    },
    keep: () => {
      const id = this.#confirming ?? ''
      this.#set(null, null)
      this.#focus(`[id="${CSS.escape(anchorOf(id))}"] button.remove`)
    },
  }
}
