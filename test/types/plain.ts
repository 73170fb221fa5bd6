/**
 * A project with neither React nor Vue (tsconfig.plain.json makes both unresolvable) that
 * uses the package's types with skipLibCheck off: the framework typings must cost it nothing.
 */
import { PalaverAdapter, registerLocale, toPalaverError, en, type Adapter, type PalaverCommentsProps } from 'palaver'

const adapter: Adapter = new PalaverAdapter('https://comments.example.org')
const props: PalaverCommentsProps = { server: 'https://comments.example.org', theme: 'auto', 'max-depth': '3' }
registerLocale('en-GB', { ...en, formHeading: 'Leave a reply' })
// docs/adapters.md's catch-all, from the package entry.
const kind: 'network' | 'server' | string = toPalaverError(new TypeError('Failed to fetch')).kind
document.querySelector('palaver-comments')?.addEventListener('palaver-posted', (event) => console.log(event.comment.id, adapter, props, kind))
