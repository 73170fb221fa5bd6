/**
 * React 19 TSX against the built types (dist/types, resolved as 'palaver' by
 * tsconfig.react.json): what docs/frameworks.md shows type-checks, and each
 * `@ts-expect-error` is a mistake the typings must catch — if one stops being an error,
 * tsc fails on the unused directive.
 */
import { useEffect, useRef } from 'react'
import { MemoryAdapter, registerLocale, en, type PalaverComments, type PalaverErrorEvent, type PalaverPostedEvent } from 'palaver'

registerLocale('en-GB', { ...en, formHeading: 'Leave a reply' })

export function Comments({ slug }: { slug: string }) {
  const ref = useRef<PalaverComments>(null)
  const posted = (event: PalaverPostedEvent) => console.log(event.comment.id, event.comment.status)
  return (
    <section id="comments">
      <palaver-comments
        ref={ref}
        server="https://comments.example.org"
        thread={`/posts/${slug}`}
        thread-title="A post"
        theme="dark"
        max-depth={3}
        page-size="20"
        sort="newest"
        loading="eager"
        className="comments"
        lang="en-GB"
        onpalaver-posted={posted}
        onpalaver-error={(event: PalaverErrorEvent) => console.warn(event.error.kind)}
      />
      <palaver-comments adapter={new MemoryAdapter()} maxDepth={2} />
      <palaver-comments adapterName="memory" />
      <a href={`/posts/${slug}#comments`}>
        <palaver-count server="https://comments.example.org" thread={`/posts/${slug}`} />
      </a>
    </section>
  )
}

/** The snippet of docs/frameworks.md, as it stands there. */
export function DocsExample({ slug }: { slug: string }) {
  const ref = useRef<PalaverComments>(null)
  useEffect(() => void import('palaver'), []) // defines the elements, in the browser only
  return (
    <palaver-comments
      ref={ref}
      server="https://comments.example.org"
      thread={`/posts/${slug}`}
      theme="auto"
      max-depth={3}
      onpalaver-posted={(event: PalaverPostedEvent) => console.log('posted', event.comment.id)}
    />
  )
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error a misspelled attribute */}
      <palaver-comments servr="https://comments.example.org" />
      {/* @ts-expect-error a value the attribute does not take */}
      <palaver-comments server="https://comments.example.org" theme="blue" />
      {/* @ts-expect-error a number attribute given a word */}
      <palaver-comments server="https://comments.example.org" max-depth="deep" />
      {/* @ts-expect-error frameworks set the adapter property: it takes an object, a name goes in adapterName */}
      <palaver-comments adapter="memory" />
      {/* @ts-expect-error an event handler for the wrong event type */}
      <palaver-comments onpalaver-posted={(event: PalaverErrorEvent) => event.error} />
      {/* @ts-expect-error palaver-count has no theme */}
      <palaver-count server="https://comments.example.org" theme="dark" />
    </>
  )
}
