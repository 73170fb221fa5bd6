import { svg } from 'lit'
import { fnv1a } from '../../content/hash.js'

const paths = new Map<string, { d: string; hue: number }>()

/**
 * A 5×5 mirrored identicon drawn from the comment's avatar seed, in the page: no request
 * to any avatar service. One path per avatar keeps a thousand of them cheap.
 */
export function identicon(seed: string | null, label = '') {
  const key = seed ?? label
  let shape = paths.get(key)
  if (!shape) {
    const hash = fnv1a(key)
    let d = ''
    for (let i = 0; i < 15; i++) {
      if (!((hash >>> i) & 1)) continue
      const x = Math.floor(i / 5)
      const y = i % 5
      d += `M${x} ${y}h1v1h-1z`
      if (x < 2) d += `M${4 - x} ${y}h1v1h-1z`
    }
    shape = { d, hue: (hash >>> 15) % 360 }
    paths.set(key, shape)
  }
  // A presentation attribute, not style="": it passes a strict style-src CSP. The
  // background comes from the stylesheet (--palaver-avatar-bg).
  return svg`<svg class="avatar" part="avatar" viewBox="-1 -1 7 7" aria-hidden="true" focusable="false"><path
    d=${shape.d} fill=${`hsl(${shape.hue} 55% 42%)`}></path></svg>`
}
