import base from './web-test-runner.config.js'

// The real-WordPress tests (npm run test:wordpress): scripts/test-wordpress.sh brings up a
// throwaway WordPress (scripts/wordpress.sh) and passes its seed (URL and post ids) in
// PALAVER_WP_SEED; the test page gets it as window.PALAVER_WP. The page is served from
// this port, WordPress from another: a real cross-origin setup, allowed by the plugin's
// PALAVER_ORIGINS (http://localhost:8766).
const seed = process.env.PALAVER_WP_SEED
if (!seed) throw new Error('PALAVER_WP_SEED is not set: run `npm run test:wordpress`.')
const json = JSON.stringify(JSON.parse(seed)).replace(/</g, '\\u003c')

export default {
  ...base,
  files: ['test/wordpress/**/*.test.ts', '!test/wordpress/**/*.node.test.ts'],
  port: 8766,
  testFramework: { config: { timeout: 20000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<script>window.process = { env: { NODE_ENV: 'development' } }; window.PALAVER_WP = ${json}</script>
</head><body><script type="module" src="${testFramework}"></script></body></html>`,
}
