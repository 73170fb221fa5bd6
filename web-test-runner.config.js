import { esbuildPlugin } from '@web/dev-server-esbuild'
import { chromeLauncher } from '@web/test-runner-chrome'
import { fileURLToPath } from 'node:url'
import { chromiumArgs, chromiumPath } from './scripts/chromium.js'
import { screenshotPlugin } from './test/browser/helpers/screenshot.plugin.js'
import { serverRenderPlugin } from './test/browser/content/server-render.plugin.js'
import { palaverServerPlugin } from './test/browser/security/palaver-server.plugin.js'

// Strict host pages (test/browser/security/pages/) are served with the policy they test.
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'"

export default {
  files: ['test/browser/**/*.test.ts'],
  middleware: [
    // A script folder whose language files fail (test/browser/build/locales.test.ts): the
    // memory build's script at /broken-locales/, and 503 for everything in its locales/.
    async function brokenLocales(context, next) {
      if (context.path === '/broken-locales/palaver-memory.js') context.url = '/dist/palaver-memory.js'
      else if (context.path.startsWith('/broken-locales/')) {
        context.status = 503
        context.body = 'unavailable'
        return
      }
      await next()
    },
    async function strictPages(context, next) {
      await next()
      if (context.path.startsWith('/test/browser/security/pages/') && context.path.endsWith('.html')) {
        context.set('Content-Security-Policy', STRICT_CSP)
      }
    },
  ],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    // The real server for the network-fault tests (test/browser/security/faults.test.ts).
    palaverServerPlugin(),
    // A server with small limits: the form enforces what the thread info says (test/browser/widget/server-limits.test.ts).
    palaverServerPlugin({ command: 'palaver-server-limits', args: ['--max-body', '50', '--max-name', '20'] }),
    // A server that does not allow the test page's origin (test/browser/adapters/origin.test.ts).
    palaverServerPlugin({ command: 'palaver-server-other-origin', allowTestPage: false, args: ['--origin', 'https://elsewhere.example'] }),
    // The server's renderBody for the parity test (test/browser/content/parity.test.ts).
    serverRenderPlugin(),
    // Photographs of what the page paints (test/browser/widget/appearance.test.ts).
    screenshotPlugin(),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } })],
  // nanostores reads process.env.NODE_ENV in the browser too.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<script>window.process = { env: { NODE_ENV: 'development' } }</script>
</head><body><script type="module" src="${testFramework}"></script></body></html>`,
}
