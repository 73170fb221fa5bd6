/**
 * `--demo` on an empty database: load the demo's threads (demo/data/threads.json, written
 * with the demo pages) as approved comments, so `npm start` shows a living discussion.
 * The file's ids are its own; each comment gets a fresh server id and replies follow.
 */
import { readFile } from 'node:fs/promises'
import type { CommentKind } from '../model.js'
import { renderBody } from './render.js'
import type { CommentRow, Store } from './store.js'
import { avatarSeed, newId } from './tokens.js'

interface SeedComment {
  id: string
  parentId: string | null
  kind?: CommentKind
  author: { name: string; email?: string; url?: string | null }
  body: string
  createdAt: string
}

interface SeedThread {
  key: string
  title?: string | null
  comments: SeedComment[]
}

/** Returns how many comments were loaded; 0 when the database already had threads. */
export async function seedDemo(store: Store, file: string, secret: string): Promise<number> {
  if ((await store.threadCount()) > 0) return 0
  const threads = JSON.parse(await readFile(file, 'utf8')) as SeedThread[]
  let loaded = 0
  await store.db.transaction().execute(async (tx) => {
    for (const thread of threads) {
      const first = thread.comments.map((c) => c.createdAt).sort()[0] ?? new Date().toISOString()
      await store.ensureThread(thread.key, thread.title ?? null, first, tx)
      const ids = new Map<string, { id: string; root: string; depth: number }>()
      const ordered = [...thread.comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      for (const comment of ordered) {
        const id = newId()
        const parent = comment.parentId ? ids.get(comment.parentId) : undefined
        const root = parent?.root ?? id
        // The demo's threads are a few levels deep, far from the cap of services/caps.ts.
        const depth = parent ? parent.depth + 1 : 0
        ids.set(comment.id, { id, root, depth })
        const row: CommentRow = {
          id,
          thread_key: thread.key,
          parent_id: parent?.id ?? null,
          root_id: root,
          depth,
          kind: comment.kind ?? 'comment',
          author_name: comment.author.name,
          author_email: comment.author.email ?? '',
          author_url: comment.author.url || null,
          author_key: avatarSeed(secret, comment.author.email ?? ''),
          body_text: comment.body,
          body_html: renderBody(comment.body),
          status: 'approved',
          created_at: new Date(comment.createdAt).toISOString(),
          edited_at: null,
          edit_token_hash: null,
          ip_prefix: null,
          // The demo's history is not checked for duplicates.
          dedupe_key: null,
        }
        await tx.insertInto('comments').values(row).execute()
        loaded++
      }
    }
  })
  return loaded
}
