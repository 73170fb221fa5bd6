import type { Env } from '../helpers/env.js'
export function events(_env: Env) {}
