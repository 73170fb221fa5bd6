#!/usr/bin/env node
// dist/locales/<file>.js: each language of src/i18n/locales/ as one small ES module
// (default export: its Messages), minified, with its map. One Vite build per file, because
// one build of them all would share their common helper as a chunk, and a page would load
// two files for one language. Run by `npm run build`; the script-tag builds load these on
// demand (src/i18n/load.ts).
import { readdirSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SOURCES = `${ROOT}src/i18n/locales`

for (const source of readdirSync(SOURCES).filter((name) => name.endsWith('.ts'))) {
  const file = basename(source, '.ts')
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      target: 'es2022',
      outDir: 'dist/locales',
      emptyOutDir: false,
      sourcemap: true,
      minify: true,
      lib: { entry: `${SOURCES}/${source}`, formats: ['es'], fileName: () => `${file}.js` },
      // Vite leaves ES library builds unminified (for the app's bundler); these are served as they are.
      rolldownOptions: { output: { minify: true } },
    },
  })
}
console.log(`build-locales: ${readdirSync(SOURCES).length} locales in dist/locales/`)
