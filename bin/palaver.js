#!/usr/bin/env node
// The package's `palaver` command: the server as compiled by `npm run build`
// (dist/server/cli.js); no TypeScript is compiled at run time.
import { existsSync } from 'node:fs'

const cli = new URL('../dist/server/cli.js', import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write('palaver: the server is not built (dist/server/cli.js is missing); run npm run build first\n')
  process.exit(1)
}
await import(cli.href)
