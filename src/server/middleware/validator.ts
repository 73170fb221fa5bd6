/**
 * A valibot validator in the shape of @hono/valibot-validator: Hono's own `validator`
 * reads the target, the schema checks it, and the hook turns the issues into the
 * project's 422 problem+json with its field map (validation.ts's parseBody). The handler
 * reads the typed result with `c.req.valid('json')`. For JSON, mount jsonBody() before
 * it: Hono's validator passes a body of another content type on as `{}`.
 */
import type { ValidationTargets } from 'hono'
import { validator } from 'hono/validator'
import type * as v from 'valibot'
import { HttpProblem } from '../problem.js'
import { parseBody } from '../validation.js'

export function vValidator<Target extends keyof ValidationTargets, Schema extends v.GenericSchema>(target: Target, schema: Schema) {
  return validator(target, (value): v.InferOutput<Schema> => {
    const parsed = parseBody(schema, value)
    if (!parsed.ok) throw new HttpProblem(422, 'validation', 'Some fields need attention.', { fields: parsed.fields })
    return parsed.value
  })
}
