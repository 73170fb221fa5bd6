// How this project starts Debian's chromium, for the test runner, the end-to-end tests
// and the benchmarks: as root (hence --no-sandbox) on a closed network.
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium'

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these, Chromium keeps reaching for the outside and is refused.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
