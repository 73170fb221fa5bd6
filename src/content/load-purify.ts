/**
 * DOMPurify, loaded on first need (where the browser has no setHTML): for the ES module
 * build a dynamic import, which the app's bundler splits off. The script-tag builds
 * replace this module with load-purify-script.ts (vite.config.ts).
 */
export const loadPurify = (): Promise<(html: string) => Element | null> => import('./purify.js').then((m) => m.sanitizeTreePurify)
