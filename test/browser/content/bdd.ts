/**
 * Typed access to the mocha globals that @web/test-runner installs in the test page
 * (the project does not depend on @types/mocha).
 */
type Body = () => void | Promise<void>

interface Bdd {
  describe(title: string, body: () => void): void
  it(title: string, body: Body): void
  before(body: Body): void
  after(body: Body): void
  afterEach(body: Body): void
}

const bdd = globalThis as unknown as Bdd

export const describe = bdd.describe.bind(globalThis)
export const it = bdd.it.bind(globalThis)
export const before = bdd.before.bind(globalThis)
export const after = bdd.after.bind(globalThis)
export const afterEach = bdd.afterEach.bind(globalThis)
