/**
 * A project with neither React nor Vue (tsconfig.plain.json makes both unresolvable) that
 * uses the package's types with skipLibCheck off: the framework typings must cost it nothing.
 */
import { PalaverAdapter, registerLocale, en, type Adapter, type PalaverCommentsProps } from 'palaver'

const adapter: Adapter = new PalaverAdapter('https://comments.example.org')
const props: PalaverCommentsProps = { server: 'https://comments.example.org', theme: 'auto', 'max-depth': '3' }
registerLocale('en-GB', { ...en, formHeading: 'Leave a reply' })
document.querySelector('palaver-comments')?.addEventListener('palaver-posted', (event) => console.log(event.comment.id, adapter, props))
