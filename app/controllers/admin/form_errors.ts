import { errors as vineErrors } from '@vinejs/vine'

/**
 * VineJS messages as `{ field: first message }` for a form re-render; anything
 * else is rethrown. A nested field is keyed by its full path
 * (`variants.0.sku`, for the cell that is wrong) and by its top-level name
 * (`permissions`, for a group of checkboxes), so a template can use either.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
  const errors: Record<string, string> = {}
  for (const message of error.messages as Array<{ field: string; message: string }>) {
    errors[message.field] ??= message.message
    errors[message.field.split('.')[0]] ??= message.message
  }
  return errors
}
