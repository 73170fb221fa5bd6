/**
 * WordPress eXtended RSS (Tools → Export): an RSS channel whose items are posts and pages,
 * each with its <wp:comment>s. One item becomes one batch — the thread and its comments —
 * so memory holds one post's comments at a time. Items without comments (most pages,
 * attachments, menu entries) are passed over.
 *
 * Per comment: `wp:comment_id` is the source id, `wp:comment_parent` the threading,
 * `wp:comment_date_gmt` the time (the local `wp:comment_date` when the GMT one is empty),
 * `wp:comment_approved` the status (1 approved, 0 held, spam, trash and post-trashed as
 * removed), `wp:comment_type` the kind (pingback, trackback, webmention; other plugin
 * types are skipped), and `wp:comment_content` the body, HTML as WordPress keeps it.
 */
import type { CommentKind } from '../../model.js'
import type { StoredStatus } from '../db/schema.js'
import { authorName, authorUrl, cleanText, ipPrefix, plainText, typedFromHtml, wordpressTime } from './fields.js'
import { threadKeyFor, type MapRule } from './map.js'
import { emptyBatch, SourceError, type Batch, type SourceComment } from './records.js'
import { readXml, type Element, type XmlReader } from './xml-source.js'

const ITEM_FIELDS = new Set(['title', 'link', 'guid', 'wp:post_id', 'wp:post_date_gmt', 'wp:comment_status'])
const COMMENT_FIELDS = new Set([
  'wp:comment_id', 'wp:comment_author', 'wp:comment_author_email', 'wp:comment_author_url', 'wp:comment_author_IP',
  'wp:comment_date', 'wp:comment_date_gmt', 'wp:comment_content', 'wp:comment_approved', 'wp:comment_type', 'wp:comment_parent',
])

const STATUSES: Record<string, StoredStatus> = { '1': 'approved', approve: 'approved', '0': 'pending', hold: 'pending', spam: 'spam', trash: 'deleted', 'post-trashed': 'deleted' }
const KINDS: Record<string, CommentKind> = { '': 'comment', comment: 'comment', pingback: 'pingback', trackback: 'trackback', webmention: 'webmention' }

interface Collected {
  fields: Record<string, string>
  line: number
}

function wxrReader(rules: readonly MapRule[]): XmlReader<Batch> {
  let item: (Collected & { comments: Collected[] }) | null = null
  let comment: Collected | null = null
  let sawChannel = false
  const ready: Batch[] = []
  const parentIs = (stack: readonly Element[], name: string) => stack[stack.length - 2]?.name === name

  return {
    ready,
    wantsText: (name, stack) => (parentIs(stack, 'wp:comment') && COMMENT_FIELDS.has(name)) || (parentIs(stack, 'item') && ITEM_FIELDS.has(name)),
    open(element, stack) {
      if (stack.length === 0 && element.name !== 'rss') throw new SourceError(`not a WordPress export (WXR): the document is <${element.name}>, not <rss>`)
      if (element.name === 'channel') sawChannel = true
      if (element.name === 'item') item = { fields: {}, comments: [], line: element.line }
      else if (element.name === 'wp:comment' && item) comment = { fields: {}, line: element.line }
    },
    close(element, text, stack) {
      if (element.name === 'wp:comment' && item && comment) {
        item.comments.push(comment)
        comment = null
      } else if (element.name === 'item' && item) {
        if (item.comments.length > 0) ready.push(itemBatch(item, rules))
        item = null
      } else if (comment && stack[stack.length - 1]?.name === 'wp:comment') {
        comment.fields[element.name] = text
      } else if (item && stack[stack.length - 1]?.name === 'item') {
        item.fields[element.name] = text
      }
    },
    end() {
      if (!sawChannel) throw new SourceError('not a WordPress export (WXR): no <channel>')
    },
  }
}

function itemBatch(item: Collected & { comments: Collected[] }, rules: readonly MapRule[]): Batch {
  const batch = emptyBatch(true)
  const link = item.fields.link || item.fields.guid || ''
  const where = `post ${item.fields['wp:post_id'] || '?'} (line ${item.line})`
  const mapped = threadKeyFor(link, rules)
  if ('error' in mapped) {
    batch.skipped.push(...item.comments.map(() => ({ reason: `post without a usable link: ${mapped.error}`, where })))
    return batch
  }
  const key = mapped.key
  const status = item.fields['wp:comment_status']
  batch.threads.push({
    key,
    title: plainText(item.fields.title) || null,
    open: status === 'closed' ? false : status === 'open' ? true : null,
    createdAt: wordpressTime(item.fields['wp:post_date_gmt']),
  })
  for (const collected of item.comments) {
    const made = wxrComment(key, collected)
    if ('reason' in made) batch.skipped.push(made)
    else batch.comments.push(made)
  }
  return batch
}

function wxrComment(thread: string, { fields, line }: Collected): SourceComment | { reason: string; where: string } {
  const id = (fields['wp:comment_id'] ?? '').trim()
  const where = id ? `comment ${id} (line ${line})` : `line ${line}`
  if (!/^\d+$/.test(id)) return { reason: 'no comment id', where }
  const type = (fields['wp:comment_type'] ?? '').trim()
  const kind = KINDS[type]
  if (!kind) return { reason: `comment type "${type}" is not a comment`, where }
  const approved = (fields['wp:comment_approved'] ?? '').trim()
  const status = STATUSES[approved]
  if (!status) return { reason: `unknown approval status "${approved}"`, where }
  const createdAt = wordpressTime(fields['wp:comment_date_gmt']) ?? wordpressTime(fields['wp:comment_date'])
  if (!createdAt) return { reason: 'no date', where }
  const text = typedFromHtml(fields['wp:comment_content'] ?? '')
  if (text === '' && kind === 'comment' && status !== 'deleted') return { reason: 'empty comment', where }
  const parent = (fields['wp:comment_parent'] ?? '0').trim()
  return {
    thread,
    sourceId: `wxr:${id}`,
    id: null,
    parent: parent === '' || parent === '0' ? null : `wxr:${parent}`,
    kind,
    status,
    author: {
      name: authorName(fields['wp:comment_author'], kind === 'comment' ? 'Anonymous' : 'A page'),
      email: cleanText(fields['wp:comment_author_email']).trim(),
      url: authorUrl(fields['wp:comment_author_url']),
    },
    text,
    createdAt,
    editedAt: null,
    ipPrefix: ipPrefix(fields['wp:comment_author_IP']),
    editTokenHash: null,
    where,
  }
}

export function readWxr(file: string, rules: readonly MapRule[], onBytes?: (bytes: number) => void): AsyncGenerator<Batch> {
  return readXml(file, wxrReader(rules), onBytes)
}
