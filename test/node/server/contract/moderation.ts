import type { Env } from '../helpers/env.js'
export function moderation(_env: Env) {}
