/**
 * Defines `<palaver-comments>`; the element itself is in palaver-comments.component.ts
 * (Shoelace's split: importing the class defines nothing, importing this defines the tag).
 */
import { PalaverComments } from './palaver-comments.component.js'

export { PalaverComments }

customElements.get('palaver-comments') ?? customElements.define('palaver-comments', PalaverComments)

declare global {
  interface HTMLElementTagNameMap {
    'palaver-comments': PalaverComments
  }
}
