import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, helpText, parseCommandLine } from './config.js'

const serve = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const parsed = parseCommandLine(['serve', ...argv], env)
  if (parsed.command !== 'serve') throw new Error('not serve')
  return parsed.config
}

test('--admin-session takes a duration (default 12h), from the flag or PALAVER_ADMIN_SESSION; nonsense is refused', () => {
  assert.equal(serve([]).adminSessionMs, 12 * 3_600_000)
  assert.equal(serve(['--admin-session', '30m']).adminSessionMs, 30 * 60_000)
  assert.equal(serve([], { PALAVER_ADMIN_SESSION: '7d' }).adminSessionMs, 7 * 86_400_000)
  for (const bad of ['soon', '10s', '31d']) assert.throws(() => serve(['--admin-session', bad]), ConfigError, bad)
  assert.throws(() => serve([], { PALAVER_ADMIN_SESSION: 'x' }), /PALAVER_ADMIN_SESSION/)
})

test("--owner-name names the owner's replies; blank or too long is refused", () => {
  assert.equal(serve([]).ownerName, null)
  assert.equal(serve(['--owner-name', ' Jo Owner ']).ownerName, 'Jo Owner')
  assert.equal(serve([], { PALAVER_OWNER_NAME: 'Betreiberin' }).ownerName, 'Betreiberin')
  assert.throws(() => serve(['--owner-name', '  ']), ConfigError)
  assert.throws(() => serve(['--owner-name', 'x'.repeat(101)]), ConfigError)
})

test('--moderation and --link-limit, given by flag or environment, fix their setting for the admin page', () => {
  assert.deepEqual(serve([]).fixedSettings, [])
  assert.equal(serve([]).linkLimit, 2)
  const fixed = serve(['--moderation', 'first'], { PALAVER_LINK_LIMIT: '5' })
  assert.deepEqual(fixed.fixedSettings, ['moderation', 'linkLimit'])
  assert.equal(fixed.linkLimit, 5)
  assert.throws(() => serve(['--link-limit', '-1']), ConfigError)
  for (const flag of ['--admin-session', '--owner-name', '--link-limit', 'PALAVER_ADMIN_SESSION', 'PALAVER_OWNER_NAME', 'PALAVER_LINK_LIMIT'])
    assert.ok(helpText().includes(flag), flag)
})
