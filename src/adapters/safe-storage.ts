/**
 * Browser storage that fails soft. It may be blocked (privacy modes, sandboxed iframes),
 * full, or hold anything a script or an older version left there: reading gives the
 * parsed JSON as `unknown` (null for nothing or garbage) for the caller to check, and a
 * write that fails leaves the value living as long as the page.
 */
export function readStored(storage: () => Storage, key: string): unknown {
  try {
    const raw = storage().getItem(key)
    return raw ? (JSON.parse(raw) as unknown) : null
  } catch {
    return null
  }
}

/** Stores `value` as JSON under `key`; null removes the key. */
export function writeStored(storage: () => Storage, key: string, value: unknown): void {
  try {
    if (value === null) storage().removeItem(key)
    else storage().setItem(key, JSON.stringify(value))
  } catch {
    // Blocked or full: the value lives only as long as the page.
  }
}

export const local = () => localStorage
export const session = () => sessionStorage
