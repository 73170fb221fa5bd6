/**
 * Waiting in browser tests: for a condition, never for a fixed time. A task boundary lets
 * every pending promise settle (a backend in the page answers in microtasks); a frame
 * lets the browser style, lay out and paint what a render changed.
 */

/** The next task: every microtask queued so far has run by then. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve))

/** The next rendered frame of `win` (the test page by default). */
export const nextFrame = (win: Window = window) => new Promise<void>((resolve) => win.requestAnimationFrame(() => resolve()))

/**
 * Checks `get` after every task until it returns something truthy, and returns that; fails
 * naming `what` after `ms` (a bound for a condition that never comes, not a wait).
 */
export async function waitUntil<T>(what: string, get: () => T | null | undefined | false, ms = 8000): Promise<T> {
  const end = performance.now() + ms
  for (;;) {
    const value = get()
    if (value) return value
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`)
    await nextTask()
  }
}
