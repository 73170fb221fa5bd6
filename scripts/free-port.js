// A loopback port that was free a moment ago, for the scripts and tests that start a real
// `palaver serve` (the screenshots, the e2e test, the browser tests' server plugin).
import { createServer } from 'node:net'

export async function freePort() {
  const probe = createServer()
  await new Promise((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve))
  const { port } = probe.address()
  await new Promise((resolve) => probe.close(resolve))
  return port
}
