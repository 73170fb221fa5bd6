/**
 * dist/palaver-purify.js: the project's DOMPurify policy for the script-tag builds, loaded
 * by them only where the browser has no HTML Sanitizer API (content/load-purify-script.ts).
 * It defines nothing; it hands the sanitizer over under a shared symbol.
 */
import { sanitizeTreePurify } from './content/purify.js'

;(globalThis as { [key: symbol]: unknown })[Symbol.for('palaver.purify')] = sanitizeTreePurify
