import { map } from 'nanostores'
import { randomToken } from '../content/hash.js'
import { checkDraft, DEFAULT_LIMITS, DEFAULT_REQUIRES, requiredFor, type DraftField, type DraftLimits } from '../core/draft.js'
import { PalaverError, toPalaverError, type FieldErrors } from '../core/errors.js'
import type { Comment } from '../model.js'
import { readAuthor, readDraft, saveAuthor, saveDraft, saveToken, type StoredDraft } from './storage.js'
import type { ThreadStore } from './thread.js'

/** What the form enforces: which fields are required, and how long each may be; and what it offers. */
export interface FormRules {
  requires: readonly DraftField[]
  limits: Readonly<DraftLimits>
  /** The backend mails replies: the form offers "Notify me of replies". */
  notifications: boolean
}

export type FormStatus = 'idle' | 'sending' | 'posted' | 'failed'

export interface FormState {
  draft: StoredDraft
  /** The trap a bot fills in; people never see it. */
  trap: string
  remember: boolean
  /** "Notify me of replies": off until ticked, and off again after each post. */
  notify: boolean
  status: FormStatus
  errors: FieldErrors
  /** Why the last post failed as a whole (network, closed, …); field problems are in `errors`. */
  error: PalaverError | null
  /** The comment the last successful post created; the list focuses it. */
  posted: Comment | null
}

/**
 * The reply form of one widget: one draft that moves to the comment being answered, as
 * on a classic blog. The draft is saved as it is typed, and one idempotency key belongs
 * to one submission: a retry of an unchanged draft reuses it, so it never posts twice.
 */
export function createFormStore(thread: ThreadStore) {
  const remembered = readAuthor()
  const empty: StoredDraft = { name: '', email: '', url: '', body: '', parentId: null, idempotencyKey: null }
  const $form = map<FormState>({
    draft: { ...empty, ...remembered, ...readDraft(thread.scope) },
    trap: '',
    remember: remembered !== null,
    notify: false,
    status: 'idle',
    errors: {},
    error: null,
    posted: null,
  })

  /** The backend's rules from the thread info; core's defaults for what it does not say. Notifications need the email. */
  function rules(): FormRules {
    const info = thread.$thread.get().info
    const notifications = info?.notifications === true
    const requires = requiredFor(info?.requires ?? DEFAULT_REQUIRES, notifications && $form.get().notify)
    return { requires, limits: info?.limits ?? DEFAULT_LIMITS, notifications }
  }

  function persist(draft: StoredDraft): void {
    const touched = draft.body || draft.parentId || draft.name || draft.email || draft.url
    saveDraft(thread.scope, touched ? draft : null)
  }

  /** A changed draft is a new submission: it gets a new key, and the field's error goes. */
  function update(field: DraftField, value: string): void {
    const state = $form.get()
    const draft = { ...state.draft, [field]: value, idempotencyKey: null }
    const { [field]: _fixed, ...errors } = state.errors
    $form.set({ ...state, draft, errors, status: state.status === 'posted' ? 'idle' : state.status })
    persist(draft)
  }

  function setTrap(value: string): void {
    $form.setKey('trap', value)
  }

  function setRemember(remember: boolean): void {
    $form.setKey('remember', remember)
    // Unticking forgets at once: nothing stays stored that the reader did not want kept.
    if (!remember) saveAuthor(null)
  }

  /** Ticking makes the email required (rules()): mail needs an address. */
  function setNotify(notify: boolean): void {
    $form.setKey('notify', notify)
  }

  function replyTo(parentId: string | null): void {
    const state = $form.get()
    const draft = { ...state.draft, parentId, idempotencyKey: null }
    $form.set({ ...state, draft, status: state.status === 'posted' ? 'idle' : state.status })
    persist(draft)
  }

  /** `lang`: the language the form is shown in; the backend writes mail about the thread in it. */
  async function submit(lang?: string): Promise<Comment | null> {
    const state = $form.get()
    if (state.status === 'sending') return null
    const { requires, limits, notifications } = rules()
    const errors = checkDraft(state.draft, requires, limits)
    if (Object.keys(errors).length) {
      $form.set({ ...state, status: 'failed', errors, error: new PalaverError('validation', 'Some fields are not valid.', { fields: errors }) })
      thread.notify({ kind: 'error', error: $form.get().error! })
      return null
    }
    const draft = { ...state.draft, idempotencyKey: state.draft.idempotencyKey ?? randomToken() }
    $form.set({ ...state, draft, status: 'sending', errors: {}, error: null })
    persist(draft)
    try {
      const posted = await thread.adapter.post(
        thread.key,
        {
          parentId: draft.parentId,
          author: { name: draft.name.trim(), email: draft.email.trim(), url: draft.url.trim() },
          body: draft.body,
          trap: state.trap,
          ...(notifications && state.notify ? { notify: true } : {}),
          ...(lang ? { lang } : {}),
        },
        { idempotencyKey: draft.idempotencyKey },
      )
      const comment = { ...posted.comment, mine: true }
      if (posted.editToken) {
        const until = posted.editableUntil ? Date.parse(posted.editableUntil) : null
        saveToken(thread.scope, { id: comment.id, token: posted.editToken, until, text: draft.body })
      }
      const author = { name: draft.name.trim(), email: draft.email.trim(), url: draft.url.trim() }
      const { remember } = $form.get()
      saveAuthor(remember ? author : null)
      const next = { ...empty, ...(remember ? author : {}) }
      $form.set({ ...$form.get(), draft: next, notify: false, status: 'posted', errors: {}, error: null, posted: comment })
      saveDraft(thread.scope, null)
      thread.upsert(comment)
      return comment
    } catch (caught) {
      const error = toPalaverError(caught)
      // A draft the backend refused as it stands needs a change, and a change is a new key.
      const draftAfter = error.retryable ? draft : { ...draft, idempotencyKey: null }
      $form.set({ ...$form.get(), draft: draftAfter, status: 'failed', errors: error.fields, error })
      persist(draftAfter)
      thread.notify({ kind: 'error', error })
      return null
    }
  }

  /** The backend's rendering of a body, for the form's Preview; null when it offers none. */
  const preview = thread.adapter.preview?.bind(thread.adapter) ?? null

  return { $form, rules, update, setTrap, setRemember, setNotify, replyTo, submit, preview }
}

export type FormStore = ReturnType<typeof createFormStore>
