import type { Env } from '../helpers/env.js'
export function privacy(_env: Env) {}
