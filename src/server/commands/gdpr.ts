/**
 * `palaver gdpr export EMAIL` prints everything stored about the address as JSON;
 * `palaver gdpr erase EMAIL` erases it (gdpr.ts) after a confirmation: on a terminal the
 * address typed again, otherwise --yes. What was erased is said without the address, so
 * a captured terminal or log does not keep it either.
 */
import { createInterface } from 'node:readline/promises'
import { isEmail } from '../../core/draft.js'
import { ConfigError, parseFlags } from '../config.js'
import { erasable, eraseAddress, normalizeEmail, personalData } from '../gdpr.js'
import { CommandFailure, openStore, runCommand, STORE_FLAGS } from './common.js'

const USAGE = `Usage: palaver gdpr export EMAIL [--database …]
       palaver gdpr erase EMAIL [--yes] [--database …]

export prints every comment stored with this email address (trimmed, any capitals) as
JSON, for a reader who asks what is kept about them. erase removes name, email, website,
network prefix and text of all those comments for good, keeping the threads' shape
("deleted" placeholders where there are replies). erase asks for the address again on a
terminal; elsewhere it needs --yes. See docs/privacy.md.
`

async function confirmed(email: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const typed = await prompt.question('Type the address again to erase, anything else to stop: ')
    return normalizeEmail(typed) === normalizeEmail(email)
  } finally {
    prompt.close()
  }
}

export function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return runCommand(async () => {
    const { values, positionals } = parseFlags(argv, { ...STORE_FLAGS, yes: { type: 'boolean' } })
    if (values.help) {
      process.stdout.write(USAGE)
      return 0
    }
    const [action, email, ...extra] = positionals
    if (action !== 'export' && action !== 'erase')
      throw new ConfigError(action ? `gdpr takes export or erase, not ${action}` : 'gdpr needs export or erase and an EMAIL (see palaver gdpr --help)')
    if (!email) throw new ConfigError(`gdpr ${action} needs the EMAIL address`)
    if (extra.length > 0) throw new ConfigError(`unexpected argument ${extra[0]}`)
    if (!isEmail(normalizeEmail(email))) throw new ConfigError('that is not an email address')
    if (action === 'erase' && !values.yes && !process.stdin.isTTY)
      throw new ConfigError('erasing cannot be undone: run it on a terminal to confirm, or add --yes')

    const { store, secret } = await openStore(values, env)
    try {
      if (action === 'export') {
        process.stdout.write(`${JSON.stringify(await personalData(store.db, secret, email, new Date().toISOString()), null, 2)}\n`)
        return 0
      }
      const found = await erasable(store.db, secret, email)
      if (found.comments === 0 && found.subscriptions === 0) {
        process.stdout.write('Nothing is stored for that address.\n')
        return 0
      }
      process.stderr.write(
        `palaver: this erases ${found.comments} comments in ${found.threads} threads and ends ${found.subscriptions} reply subscriptions, for good.\n`,
      )
      if (!values.yes && !(await confirmed(email))) throw new CommandFailure('not erased: the address typed did not match')
      const erased = await eraseAddress(store, secret, email, new Date().toISOString())
      process.stdout.write(`Erased ${erased.comments} comments in ${erased.threads} threads; ended ${erased.subscriptions} reply subscriptions.\n`)
      return 0
    } finally {
      await store.close()
    }
  })
}
