/**
 * One page, one thread: a key is normalized once, where it enters (query parameters and
 * the posted body), so `/café/` typed as NFD, `/café` as NFC and `/café/` with its
 * trailing slash name the same thread. Unicode NFC (what browsers send for a typed
 * address), and trailing slashes dropped except for the root `/`. Nothing else changes:
 * case and query strings can name different pages.
 */
export function normalizeThreadKey(key: string): string {
  const nfc = key.normalize('NFC')
  const trimmed = nfc.replace(/\/+$/, '')
  return trimmed === '' && nfc !== '' ? '/' : trimmed
}
