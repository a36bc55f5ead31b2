import { errors as vineErrors } from '@vinejs/vine'

/** VineJS messages as `{ field: first message }` for a form re-render; anything else is rethrown. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
  const errors: Record<string, string> = {}
  for (const message of error.messages as Array<{ field: string; message: string }>) {
    errors[message.field.split('.')[0]] ??= message.message
  }
  return errors
}
