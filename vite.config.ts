import { defineConfig, type Plugin } from 'vite'

/**
 * Lit's css`` literals keep their source formatting; in the build, comments and runs of
 * white space in them are squeezed out (their CSS holds no strings where spaces matter).
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
          .replace(/\s*([{};,])\s*/g, '$1')
          .trim()
        return `css\`${squeezed}\``
      })
    },
  }
}

/**
 * Two library builds from one config:
 * - `vite build` → dist/palaver.mjs, the ES module for bundlers (lit, nanostores and
 *   dompurify stay imports, so an app that already has them ships them once);
 * - `vite build --mode script` → dist/palaver.js, the script-tag build: one self-contained
 *   file that defines the elements and makes no other request.
 */
export default defineConfig(({ mode }) => {
  const script = mode === 'script'
  return {
    // nanostores reads process.env.NODE_ENV; a library build must replace it.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [squeezeCss()],
    build: {
      target: 'es2022',
      emptyOutDir: !script,
      sourcemap: true,
      minify: true,
      lib: script
        ? { entry: 'src/embed.ts', formats: ['iife'], name: 'Palaver', fileName: () => 'palaver.js' }
        : { entry: 'src/index.ts', formats: ['es'], fileName: () => 'palaver.mjs' },
      rollupOptions: script ? {} : { external: [/^lit(\/|$)/, /^nanostores(\/|$)/, /^dompurify(\/|$)/] },
    },
  }
})
