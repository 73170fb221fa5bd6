import type { DraftField } from '../core/draft.js'
import type { FieldProblem } from '../core/errors.js'
import type { Messages } from '../i18n/index.js'

/**
 * A field problem in the reader's language: the code decides, so a German page says
 * "Kommentar ist zu lang" whatever language the backend wrote its message in; only a
 * problem without a known code shows the backend's own words. Used by the form and the
 * inline editor alike.
 */
export function problemText(m: Messages, field: DraftField, problem: FieldProblem): string {
  const label = m[field]
  switch (problem.code) {
    case 'required':
      return m.fieldRequired(label)
    case 'too-long':
      return m.fieldTooLong(label)
    case 'invalid':
      return field === 'email' ? m.emailInvalid : field === 'url' ? m.urlInvalid : m.fieldInvalid(label)
    default:
      return problem.message || m.fieldInvalid(label)
  }
}
