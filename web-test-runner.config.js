import { esbuildPlugin } from '@web/dev-server-esbuild'
import { chromeLauncher } from '@web/test-runner-chrome'
import { fileURLToPath } from 'node:url'

// Debian's chromium, run as root on a closed network: see TOOLCHAIN.md.
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

// Strict host pages (test/browser/security/pages/) are served with the policy they test.
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'"

export default {
  files: ['test/browser/**/*.test.ts'],
  middleware: [
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
  ],
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args } }),
  ],
  // nanostores reads process.env.NODE_ENV in the browser too.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<script>window.process = { env: { NODE_ENV: 'development' } }</script>
</head><body><script type="module" src="${testFramework}"></script></body></html>`,
}
