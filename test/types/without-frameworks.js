#!/usr/bin/env node
// The built types in a project that has neither React nor Vue, with skipLibCheck off:
// the framework typings (src/jsx.d.ts) augment 'react' and 'vue', and must cost such a
// project nothing. Inside this repository both are installed and found by walking up, so
// the check runs in a temporary folder that holds a copy of dist/types and links to the
// packages those types import (lit, lit-html, nanostores, …) and nothing else.
// Part of `npm run test:types`, after `npm run build`.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const modules = join(root, 'node_modules')
if (!existsSync(join(root, 'dist/types/jsx.d.ts'))) {
  console.error('without-frameworks: dist/types/jsx.d.ts not found: run `npm run build` first.')
  process.exit(1)
}

const dir = mkdtempSync(join(tmpdir(), 'palaver-types-'))
try {
  const packages = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', 'nanostores', 'dompurify', 'typescript']
  for (const name of packages) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true })
    symlinkSync(join(modules, name), join(dir, 'node_modules', name), 'dir')
  }
  const palaver = join(dir, 'node_modules/palaver')
  cpSync(join(root, 'dist/types'), join(palaver, 'dist/types'), { recursive: true })
  cpSync(join(root, 'package.json'), join(palaver, 'package.json'))
  cpSync(join(root, 'test/types/plain.ts'), join(dir, 'plain.ts'))
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
    },
    files: ['plain.ts'],
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
  // Proof that the folder really lacks them, so the check below means something.
  for (const name of ['react', '@types/react', 'vue']) {
    if (existsSync(join(dir, 'node_modules', name))) throw new Error(`${name} must not be in ${dir}`)
  }
  try {
    execFileSync(process.execPath, [join(modules, 'typescript/bin/tsc'), '-p', dir], { stdio: 'inherit' })
    console.log('without-frameworks: the built types check in a project without React and Vue (skipLibCheck off).')
  } catch {
    console.error('without-frameworks: the built types fail in a project without React and Vue (above).')
    process.exitCode = 1
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
