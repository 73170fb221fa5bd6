#!/usr/bin/env node
// The package's `palaver` command: runs the TypeScript CLI through tsx, no build step.
import { register } from 'tsx/esm/api'

register()
await import('../src/server/cli.ts')
