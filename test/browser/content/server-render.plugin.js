/**
 * A web-test-runner plugin that renders comment bodies with the reference server's own
 * renderer (src/server/render.ts, loaded through tsx), so that a browser test can hold
 * the widget's sanitizer to what the server makes, from the source of the same commit:
 * nothing is generated ahead or committed. Browser side:
 * `executeServerCommand('server-render', { bodies })` → `[{ html, links }]`, where
 * `links` is what the server's link hold counts.
 */
import { tsImport } from 'tsx/esm/api'

export function serverRenderPlugin() {
  let renderer = null
  return {
    name: 'server-render',
    async executeCommand({ command, payload }) {
      if (command !== 'server-render') return undefined
      renderer ??= await tsImport('../../../src/server/render.ts', import.meta.url)
      return payload.bodies.map((body) => {
        const html = renderer.renderBody(body)
        return { html, links: renderer.countLinks(html) }
      })
    },
  }
}
