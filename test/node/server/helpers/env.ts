/** What each contract group gets: the open store of the dialect under test and a client factory. */
import type { AppOptions } from '../../../../src/server/options.js'
import type { Store } from '../../../../src/server/store.js'
import { TestClient } from './client.js'

export interface ContractEnv {
  dialect: 'sqlite' | 'postgres'
  /** Where the database is: a second Store on it is what another (or a restarted) process sees. */
  location: string
  store: Store
}

export type Env = () => ContractEnv

export const clientFor = (env: Env, overrides: Partial<AppOptions> = {}) => new TestClient(env().store, overrides)
