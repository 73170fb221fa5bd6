import type { Env } from '../helpers/env.js'
export function editing(_env: Env) {}
