import type { Env } from '../helpers/env.js'
export function admin(_env: Env) {}
