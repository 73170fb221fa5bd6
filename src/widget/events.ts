import type { PalaverError } from '../core/errors.js'
import type { Comment } from '../model.js'

const init = { bubbles: true, composed: true } as const

/** The first page of a thread is shown. */
export class PalaverLoadedEvent extends Event {
  constructor(
    readonly thread: string,
    readonly count: number,
  ) {
    super('palaver-loaded', init)
  }
}

/** A reader's comment was accepted (it may be pending moderation). */
export class PalaverPostedEvent extends Event {
  constructor(readonly comment: Comment) {
    super('palaver-posted', init)
  }
}

/** Loading or posting failed; `error.kind` says why, `error.fields` which fields. */
export class PalaverErrorEvent extends Event {
  constructor(readonly error: PalaverError) {
    super('palaver-error', init)
  }
}

declare global {
  interface HTMLElementEventMap {
    'palaver-loaded': PalaverLoadedEvent
    'palaver-posted': PalaverPostedEvent
    'palaver-error': PalaverErrorEvent
  }
}
