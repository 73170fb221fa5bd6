import { PalaverError } from '../../../src/core/errors.js'

/** The PalaverError a promise rejects with; throws when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<PalaverError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof PalaverError) return error
    throw new Error(`rejected with something else than a PalaverError: ${String(error)}`)
  }
  throw new Error('resolved, but should have rejected')
}
