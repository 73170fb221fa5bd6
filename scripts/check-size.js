#!/usr/bin/env node
// The size budgets of every entry point, and the README's claim about dist/palaver.js.
// Prints raw, gzip (level 9) and brotli sizes of every build; fails when a build gzips
// to more than its budget, or when README.md's
// `<!-- size -->… NN.N KiB gzip …<!-- /size -->` line is more than 0.5 KiB off.
// Run after `npm run build`.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

// Ceilings in KiB gzip, about half a KiB above today's sizes, so no build grows unnoticed.
// The goal for the script-tag builds is 28 KiB (DOMPurify is in palaver-purify.js, fetched only where needed);
// docs/performance.md says how far off they are and why. palaver.mjs leaves Lit,
// nanostores and DOMPurify to the app's bundler.
// The WordPress build and the ES module grew with the WordPress adapter's checks, its
// decoding without an HTML parser and its batched loading (issue 16.9–16.11), and the ES
// module with every adapter's: their ceilings moved with them; palaver.js's did not.
const BUDGETS_KIB = {
  // perf (issue 14): DOMPurify left the script-tag builds for palaver-purify.js, loaded only
  // where the browser has no HTML Sanitizer API (38.5 -> 28.0 KiB with the locales merged).
  // The goal for palaver.js is 28 KiB (27.97 after perf); growth must be paid for.
  // ssr (issue 13.12, the declarative-shadow-DOM thread) added 1.3-1.5 KiB to every build
  // (the shadow root's templates apart from the element, the seed, the hydration loader):
  // the ceilings moved by the 1.5 KiB its brief allowed; the owner's badge and the feed
  // link (issue 10 §2, 11 §4) add ~0.15 KiB more. Lit's hydration itself (2.1 KiB)
  // is palaver-hydrate.js, loaded only by a page with a server-rendered element.
  'dist/palaver.js': 29.8,
  'dist/palaver-wordpress.js': 32.2,
  'dist/palaver-memory.js': 29.7,
  // The ES module carries both sanitizer paths (dompurify stays an import): +1.6 KiB.
  'dist/palaver.mjs': 30.9,
  'dist/palaver-purify.js': 14.0,
  // The owner's moderation page (/admin): Lit, nanostores and the sanitizer again (DOMPurify
  // on demand, as for readers), its own texts in two languages; 24.0 KiB with the Data section
  // (export, import, a reader's data). Readers never load it.
  'dist/palaver-admin.js': 24.5,
  'dist/palaver-hydrate.js': 2.6,
}
const README_TOLERANCE_KIB = 0.5

// Each language file the script-tag builds load on demand (dist/locales/, issue 13.13), about
// 1.6 KiB gzip today: one budget for each, so no language grows unnoticed.
const LOCALE_DIR = 'dist/locales'
const LOCALE_BUDGET_KIB = 2.0
const LOCALE_FILES = existsSync(LOCALE_DIR)
  ? readdirSync(LOCALE_DIR)
      .filter((name) => name.endsWith('.js'))
      .map((name) => `${LOCALE_DIR}/${name}`)
  : []
if (!LOCALE_FILES.length) {
  console.error(`check-size: no ${LOCALE_DIR}/*.js: run \`npm run build\` first.`)
  process.exit(1)
}
for (const file of LOCALE_FILES) BUDGETS_KIB[file] = LOCALE_BUDGET_KIB

const FILES = Object.keys(BUDGETS_KIB)

const kib = (bytes) => bytes / 1024
const show = (bytes) => `${kib(bytes).toFixed(1)} KiB`.padStart(10)

function measure(file) {
  const data = readFileSync(file)
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}

const missing = FILES.filter((f) => !existsSync(f))
if (missing.length) {
  console.error(`check-size: ${missing.join(', ')} not found: run \`npm run build\` first.`)
  process.exit(1)
}

const sizes = Object.fromEntries(FILES.map((f) => [f, measure(f)]))
console.log(`${'file'.padEnd(28)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`)
for (const [file, s] of Object.entries(sizes)) console.log(`${file.padEnd(28)}${show(s.raw)}${show(s.gzip)}${show(s.brotli)}`)

const failures = []
for (const [file, budget] of Object.entries(BUDGETS_KIB)) {
  const gzip = kib(sizes[file].gzip)
  if (gzip > budget) failures.push(`${file} is ${gzip.toFixed(1)} KiB gzip, over its budget of ${budget} KiB.`)
}
const scriptGzip = kib(sizes['dist/palaver.js'].gzip)

if (existsSync('README.md')) {
  const readme = readFileSync('README.md', 'utf8')
  const marked = /<!-- size -->([\s\S]*?)<!-- \/size -->/.exec(readme)
  const claim = marked && /(\d+(?:\.\d+)?) KiB gzip/.exec(marked[1])
  if (!claim) {
    failures.push('README.md has no `<!-- size -->… NN.N KiB gzip …<!-- /size -->` line.')
  } else if (Math.abs(Number(claim[1]) - scriptGzip) > README_TOLERANCE_KIB) {
    failures.push(`README.md says ${claim[1]} KiB gzip; dist/palaver.js measures ${scriptGzip.toFixed(1)} KiB gzip.`)
  }
}

if (failures.length) {
  for (const failure of failures) console.error(`check-size: ${failure}`)
  process.exit(1)
}
console.log(`check-size: every build within its budget; README agrees on dist/palaver.js (${scriptGzip.toFixed(1)} KiB gzip).`)
