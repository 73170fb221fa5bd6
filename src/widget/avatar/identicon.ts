import { fnv1a } from '../../content/hash.js'

export interface Identicon {
  /** The path of the filled cells, in a 5×5 grid. */
  d: string
  fill: string
}

const shapes = new Map<string, Identicon>()

/**
 * A 5×5 mirrored identicon from the comment's avatar seed, drawn in the page: no request
 * to any avatar service. One path per avatar keeps a thousand of them cheap; the comment
 * template draws it (an svg of its own would cost a template instance per comment).
 */
export function identicon(seed: string | null, label = ''): Identicon {
  const key = seed ?? label
  let shape = shapes.get(key)
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
    // A presentation attribute, not style="": it passes a strict style-src CSP. The
    // background comes from the stylesheet (--palaver-avatar-bg).
    shape = { d, fill: `hsl(${(hash >>> 15) % 360} 55% 42%)` }
    shapes.set(key, shape)
  }
  return shape
}
