import vine from '@vinejs/vine'

/** The command palette's query: what staff typed, trimmed; a leading "#" means an order number. */
export const adminSearchValidator = vine.compile(
  vine.object({
    q: vine.string().trim().minLength(1).maxLength(100),
  })
)
