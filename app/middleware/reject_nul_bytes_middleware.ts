import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { Exception } from '@adonisjs/core/exceptions'

/**
 * A NUL byte is never part of what a person types, and PostgreSQL refuses
 * one in any text value (a 500 on a search or filter that carried `%00`).
 * One check here, on the URL's parameters, the query string and the parsed
 * form or JSON, answers 400 for every route instead of each validator
 * learning about it.
 */
export default class RejectNulBytesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request } = ctx
    if (hasNul(ctx.params) || hasNul(request.qs()) || hasNul(request.body())) {
      throw new Exception('The request holds a character no field accepts.', { status: 400, code: 'E_NUL_BYTE' })
    }
    return next()
  }
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\0')
  if (!value || typeof value !== 'object' || depth > 20) return false
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\0') || hasNul(item, depth + 1)) return true
  }
  return false
}
