/**
 * The live stream: every change to any comment, by anyone (another tab, a reader, a mail
 * link), arrives as `event: comment` and is applied to the queue. EventSource resumes by
 * itself after a dropped connection; a refused one (the session ended) closes it, and then
 * the session is checked: signed out goes back to the form, else the stream starts again.
 */
import { type AdminComment, EVENTS_URL } from './api.js'
import { $session, announce, applyComment, checkSession } from './stores.js'

let source: EventSource | null = null
let retry: ReturnType<typeof setTimeout> | undefined

export function startLive(): void {
  if (source) return
  source = new EventSource(EVENTS_URL)
  source.addEventListener('comment', (event) => {
    const comment = JSON.parse((event as MessageEvent<string>).data) as AdminComment
    if (applyComment(comment) && comment.status === 'pending') announce((m) => m.done.arrived(1))
  })
  source.addEventListener('error', () => {
    if (source?.readyState !== EventSource.CLOSED) return
    stopLive()
    void checkSession().then(() => {
      if ($session.get().state === 'signed-in') retry = setTimeout(startLive, 2_000)
    })
  })
}

export function stopLive(): void {
  clearTimeout(retry)
  source?.close()
  source = null
}
