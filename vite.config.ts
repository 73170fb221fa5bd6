import { defineConfig, type Plugin } from 'vite'

/**
 * Lit's css`` literals keep their source formatting; in the build, comments and runs of
 * white space in them are squeezed out (their CSS holds no strings where spaces matter, and
 * no selector has a space after a colon).
 */
function squeezeCss(): Plugin {
  return {
    name: 'palaver:squeeze-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/widget\/.*\.ts$/.test(id) || !code.includes('css`')) return null
      return code.replace(/css`([^`]*)`/g, (_, body: string) => {
        const squeezed = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim()
        return `css\`${squeezed}\``
      })
    },
  }
}

/**
 * The script-tag builds, one per backend, each one self-contained file that defines the
 * elements and makes no other request: `vite build --mode <mode>` for each.
 */
const SCRIPTS: Record<string, { entry: string; file: string }> = {
  script: { entry: 'src/embed.ts', file: 'palaver.js' },
  'script-wordpress': { entry: 'src/embed-wordpress.ts', file: 'palaver-wordpress.js' },
  'script-memory': { entry: 'src/embed-memory.ts', file: 'palaver-memory.js' },
}

/**
 * Library builds from one config:
 * - `vite build` → dist/palaver.mjs, the ES module for bundlers (lit, nanostores and
 *   dompurify stay imports, so an app that already has them ships them once);
 * - `vite build --mode script` → dist/palaver.js for the Palaver server, and
 *   `--mode script-wordpress`, `--mode script-memory` → dist/palaver-wordpress.js,
 *   dist/palaver-memory.js (see SCRIPTS).
 */
export default defineConfig(({ mode }) => {
  const script = SCRIPTS[mode]
  return {
    // nanostores reads process.env.NODE_ENV; a library build must replace it.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [squeezeCss()],
    build: {
      target: 'es2022',
      emptyOutDir: mode === 'production',
      sourcemap: true,
      minify: true,
      lib: script
        ? { entry: script.entry, formats: ['iife'], name: 'Palaver', fileName: () => script.file }
        : { entry: 'src/index.ts', formats: ['es'], fileName: () => 'palaver.mjs' },
      rollupOptions: script ? {} : { external: [/^lit(\/|$)/, /^nanostores(\/|$)/, /^dompurify(\/|$)/] },
    },
  }
})
