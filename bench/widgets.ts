/**
 * The widgets the peer benchmark (bench/peers.ts) puts side by side: for each, the files a
 * host page loads, the markup and start-up code the widget's own docs give, how to count
 * its comments in the DOM, and an instant mock of its own API answering the synthetic
 * thread (bench/thread.ts) in that API's format.
 *
 * Peers come from their npm packages (`@waline/client`, `artalk`, dev dependencies); a
 * directory given in PEER_MODULES replaces node_modules for them. A peer whose files are
 * missing is left out with a printed reason, so the bench still runs without them.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Comment } from '../src/model.js'
import { artalkAnswer, walineAnswer } from './thread.js'

export const ORIGIN = 'http://bench.palaver.test'

export interface Answer {
  status?: number
  contentType?: string
  body: string
}

export interface Widget {
  name: string
  version: string
  /** Path on the page's origin → file contents. */
  files: Record<string, Buffer>
  /** Into <head>. */
  head: string
  /** Where the comments go, and the start-up script the widget's docs give. */
  embed: (pageSize: number) => string
  /** A selector for one shown comment, and the shadow host to look in, if any. */
  item: string
  shadowHost?: string
  /** Answers a request to the widget's API, or null for "not the API". */
  api: (url: URL, method: string, comments: Comment[], pageSize: number) => Answer | null
}

const modules = process.env.PEER_MODULES ?? 'node_modules'
const json = (value: unknown): Answer => ({ contentType: 'application/json', body: JSON.stringify(value) })
const versionOf = (pkg: string) => (JSON.parse(readFileSync(join(modules, pkg, 'package.json'), 'utf8')) as { version: string }).version

function palaverWidget(script = process.env.PALAVER_JS ?? 'dist/palaver.js', name = 'Palaver'): Widget {
  return {
    name,
    version: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    // PALAVER_JS: another build of the script, e.g. an unminified one for bench/profile.ts.
    files: { '/palaver.js': readFileSync(script) },
    head: '<script src="/palaver.js" defer></script>',
    embed: (pageSize) => `<palaver-comments server="${ORIGIN}" thread="/bench" page-size="${pageSize}"></palaver-comments>`,
    item: 'li[id^="comment-"]',
    shadowHost: 'palaver-comments',
    api: (url, _method, comments) => {
      if (url.pathname === '/api/v1/comments') {
        return json({
          thread: { key: '/bench', title: 'Bench post', count: comments.length, open: true, requires: ['name', 'email'] },
          comments,
          nextCursor: null,
        })
      }
      if (url.pathname === '/api/v1/events') return { status: 204, body: '' }
      return null
    },
  }
}

function walineWidget(): Widget {
  const dir = join(modules, '@waline/client/dist')
  return {
    name: 'Waline',
    version: versionOf('@waline/client'),
    files: { '/waline.js': readFileSync(join(dir, 'waline.umd.js')), '/waline.css': readFileSync(join(dir, 'waline.css')) },
    head: '<link rel="stylesheet" href="/waline.css"><script src="/waline.js" defer></script>',
    // Features that need more than the comment list (counters, emoji from a CDN, search,
    // reactions, uploads, login) are off: the comparison is the list and the form.
    embed: (pageSize) => `<div id="waline"></div>
<script>addEventListener('DOMContentLoaded', () => Waline.init({ el: '#waline', serverURL: '${ORIGIN}', path: '/bench', lang: 'en',
  pageSize: ${pageSize}, pageview: false, comment: false, emoji: false, search: false, reaction: false, imageUploader: false, login: 'disable', dark: false }))</script>`,
    item: '.wl-card-item',
    api: (url, method, comments, pageSize) => {
      if (url.pathname !== '/api/comment' && url.pathname !== '/api/article' && url.pathname !== '/api/user') return null
      if (url.pathname === '/api/comment' && method === 'GET' && !url.searchParams.has('type')) {
        return json(walineAnswer(comments, Number(url.searchParams.get('pageSize')) || pageSize))
      }
      return json({ errno: 0, errmsg: '', data: [] })
    },
  }
}

function artalkWidget(): Widget {
  const dir = join(modules, 'artalk/dist')
  return {
    name: 'Artalk',
    version: versionOf('artalk'),
    files: { '/artalk.js': readFileSync(join(dir, 'Artalk.js')), '/artalk.css': readFileSync(join(dir, 'Artalk.css')) },
    head: '<link rel="stylesheet" href="/artalk.css"><script src="/artalk.js" defer></script>',
    // The list and the form; votes, emoticons from the server, the user-agent badge and the
    // server's own settings (useBackendConf) are off.
    embed: (pageSize) => `<div id="artalk"></div>
<script>addEventListener('DOMContentLoaded', () => Artalk.init({ el: '#artalk', pageKey: '/bench', pageTitle: 'Bench post', server: '${ORIGIN}',
  site: 'Bench', locale: 'en', useBackendConf: false, emoticons: false, vote: false, uaBadge: false, darkMode: false,
  gravatar: { mirror: 'https://avatar.bench.test/' }, pagination: { pageSize: ${pageSize}, readMore: false, autoLoad: false } }))</script>`,
    item: '.atk-comment-wrap',
    api: (url, method, comments) => {
      if (!url.pathname.startsWith('/api/v2/')) return null
      const path = url.pathname.slice('/api/v2'.length)
      if (path === '/comments' && method === 'GET') return json(artalkAnswer(comments))
      if (path === '/conf') return json({ frontend_conf: {}, version: { app: 'artalk', version: 'v2.9.1', commit_hash: '' } })
      if (path === '/notifies') return json({ notifies: [], count: 0 })
      return json({})
    },
  }
}

/** Every widget whose files are here; prints why a peer is left out. */
export function widgets(): Widget[] {
  const found: Widget[] = [palaverWidget()]
  // PALAVER_BASELINE: another palaver.js (an earlier commit's build) measured in the same run, as "Palaver-before".
  if (process.env.PALAVER_BASELINE) found.push(palaverWidget(process.env.PALAVER_BASELINE, 'Palaver-before'))
  const peers: Array<[string, string, () => Widget]> = [
    ['Waline', '@waline/client/dist/waline.umd.js', walineWidget],
    ['Artalk', 'artalk/dist/Artalk.js', artalkWidget],
  ]
  for (const [name, file, make] of peers) {
    if (existsSync(join(modules, file))) found.push(make())
    else console.log(`bench: ${name} left out: ${join(modules, file)} not found (npm install -D @waline/client artalk, or PEER_MODULES=dir)`)
  }
  return found
}
