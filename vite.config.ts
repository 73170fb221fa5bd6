import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import MagicString from 'magic-string'
import { defineConfig, type Plugin } from 'vite'

const ROOT = fileURLToPath(new URL('.', import.meta.url))

/**
 * Lit's css`` literals keep their source formatting; in the build, comments and runs of
 * white space in them are squeezed out (their CSS holds no strings where spaces matter, and
 * no selector has a space after a colon). Edits go through magic-string, so the source maps
 * still point into the .ts files.
 */
function squeezeCss(): Plugin {
  return {
    name: 'palaver:squeeze-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/(widget|admin)\/.*\.ts$/.test(id) || !code.includes('css`')) return null
      const out = new MagicString(code)
      for (const match of code.matchAll(/css`([^`]*)`/g)) {
        const body = match[1]!
        const squeezed = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim()
        const start = match.index + 'css`'.length
        if (squeezed !== body) out.overwrite(start, start + body.length, squeezed)
      }
      return { code: out.toString(), map: out.generateMap({ hires: true, source: id }) }
    },
  }
}

/**
 * `npm run dev`: the demo pages with the widget from source. Their classic
 * `<script src="/palaver….js">` becomes the module entry of that build, so an edit reloads
 * the page at once; `/api` goes to a running `palaver serve` (PALAVER_DEV_API, default
 * http://127.0.0.1:8080) with the Origin it expects from its own pages.
 */
function demoFromSource(): Plugin {
  const entries: Record<string, string> = {
    'palaver.js': 'src/embed.ts',
    'palaver-wordpress.js': 'src/embed-wordpress.ts',
    'palaver-memory.js': 'src/embed-memory.ts',
  }
  return {
    name: 'palaver:demo-from-source',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<script src="\/(palaver(?:-wordpress|-memory)?\.js)"[^>]*><\/script>/g, (tag, file: string) => {
        const entry = entries[file]
        return entry ? `<script type="module" src="/@fs${ROOT}${entry}"></script>` : tag
      })
    },
  }
}

/**
 * The script-tag builds, one per backend, each one self-contained file that defines the
 * elements and makes no other request: `vite build --mode <mode>` for each.
 */
const SCRIPTS: Record<string, { entry: string; file: string; name?: string }> = {
  script: { entry: 'src/embed.ts', file: 'palaver.js' },
  'script-wordpress': { entry: 'src/embed-wordpress.ts', file: 'palaver-wordpress.js' },
  'script-memory': { entry: 'src/embed-memory.ts', file: 'palaver-memory.js' },
  // DOMPurify with the project's policy, fetched by the builds above only where the browser
  // has no HTML Sanitizer API (src/content/load-purify-script.ts takes load-purify.ts's place).
  'script-purify': { entry: 'src/embed-purify.ts', file: 'palaver-purify.js' },
  // The owner's moderation page (GET /admin), never part of what readers load.
  admin: { entry: 'src/admin/index.ts', file: 'palaver-admin.js', name: 'PalaverAdmin' },
  'script-hydrate': { entry: 'src/embed-hydrate.ts', file: 'palaver-hydrate.js' },
}

/**
 * V8's explicit compile hint (Chromium 136+): the script-tag builds run almost all of their
 * functions while the page loads, so the engine compiles them all at once while the file
 * streams in, off the main thread, instead of one by one on first call on it (measured:
 * 3–15 % less main-thread CPU until 100 or 1,000 comments are shown, docs/performance.md).
 * It must be the file's first line; other engines read a comment.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad'

/**
 * palaver-hydrate.js uses the Lit of the script that loads it: lit-html itself is not in
 * it but read from the handover that script leaves (src/widget/palaver-comments/hydrate-script.ts).
 */
const LIT_HTML = /[\\/]lit-html[\\/](development[\\/])?lit-html\.js$|^lit-html$/
const HYDRATE_ROLLUP = {
  external: (id: string) => LIT_HTML.test(id),
  output: { globals: (id: string) => (LIT_HTML.test(id) ? 'palaverHydration.lit' : id), postBanner: COMPILE_HINT },
}
// The version names the locale files' URLs (src/i18n/load.ts), so they may be cached for long.
const VERSION = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')).version as string

const devApi = process.env.PALAVER_DEV_API ?? 'http://127.0.0.1:8080'

/**
 * Builds from one config:
 * - `vite build` → dist/palaver.mjs, the ES module for bundlers (lit, nanostores and
 *   dompurify stay imports, so an app that already has them ships them once);
 * - `vite build --mode script` → dist/palaver.js for the Palaver server, and
 *   `--mode script-wordpress`, `--mode script-memory` → dist/palaver-wordpress.js,
 *   dist/palaver-memory.js, and `--mode script-hydrate` → dist/palaver-hydrate.js, which
 *   they load on a page with a server-rendered element (see SCRIPTS);
 * - `vite build --mode server` → dist/server/cli.js, the server as plain JavaScript for
 *   Node 20 (its libraries stay imports: they are the package's dependencies), and
 *   dist/server/thread-shadow.js, the widget's templates rendered by Lit SSR;
 * - `vite` (npm run dev) → the demo pages from source, see demoFromSource().
 */
export default defineConfig(({ mode, command }) => {
  if (mode === 'server') {
    return {
      build: {
        // thread-shadow.js, Lit SSR of the widget's templates, is loaded by the server on
        // its first `shadow=1` request, from beside cli.js (src/server/routes/thread-html.ts).
        ssr: true,
        outDir: 'dist/server',
        emptyOutDir: true,
        target: 'node20',
        sourcemap: true,
        minify: false,
        rollupOptions: {
          input: { cli: 'src/server/cli.ts', 'thread-shadow': 'src/ssr/thread-shadow.ts' },
          output: { entryFileNames: '[name].js' },
        },
      },
    }
  }
  const script = SCRIPTS[mode]
  return {
    // nanostores reads process.env.NODE_ENV; a library build must replace it.
    define: {
      'process.env.NODE_ENV': JSON.stringify(command === 'serve' ? 'development' : 'production'),
      __PALAVER_VERSION__: JSON.stringify(VERSION),
    },
    plugins: [squeezeCss(), demoFromSource()],
    ...(script ? { resolve: { alias: [{ find: /^\.\/load-purify\.js$/, replacement: `${ROOT}src/content/load-purify-script.ts` }] } } : {}),
    ...(command === 'serve'
      ? {
          root: 'demo',
          server: {
            port: Number(process.env.PALAVER_DEV_PORT ?? 5173),
            fs: { allow: [ROOT] },
            proxy: {
              '/api': {
                target: devApi,
                changeOrigin: true,
                configure: (proxy) => proxy.on('proxyReq', (request) => request.setHeader('origin', new URL(devApi).origin)),
              },
            },
          },
        }
      : {}),
    build: {
      target: 'es2022',
      emptyOutDir: mode === 'production',
      sourcemap: true,
      minify: true,
      lib: script
        ? { entry: script.entry, formats: ['iife'], name: script.name ?? 'Palaver', fileName: () => script.file }
        : { entry: 'src/index.ts', formats: ['es'], fileName: () => 'palaver.mjs' },
      // The ES module stays one file: its DOMPurify path (a dynamic import in
      // src/content/load-purify.ts) is inlined, and dompurify stays an import for the app's
      // bundler, as does @lit-labs/ssr-client (imported for a server-rendered element only).
      rollupOptions:
        mode === 'script-hydrate'
          ? HYDRATE_ROLLUP
          : script
            ? { output: { postBanner: COMPILE_HINT } }
            : {
                external: [/^lit(\/|$)/, /^nanostores(\/|$)/, /^dompurify(\/|$)/, /^@lit-labs\/ssr-client(\/|$)/],
                output: { inlineDynamicImports: true },
              },
    },
  }
})
