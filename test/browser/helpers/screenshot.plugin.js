/**
 * A web-test-runner command that photographs part of the test page (Chromium through
 * puppeteer): `executeServerCommand('screenshot', { x, y, width, height })` gives the PNG
 * as base64. What a page paints (list markers, a background) has no DOM API; two
 * photographs of the same area tell whether anything was painted there.
 */
export function screenshotPlugin() {
  return {
    name: 'screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'screenshot') return undefined
      const page = session.browser.getPage(session.id)
      const { x, y, width, height } = payload
      const data = await page.screenshot({ clip: { x, y, width, height }, encoding: 'base64', type: 'png', captureBeyondViewport: false })
      return { data }
    },
  }
}
