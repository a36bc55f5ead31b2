import vine from '#validators/vine'

/** The command palette's query: what staff typed, trimmed; a leading "#" means an order number. */
export const adminSearchValidator = vine.compile(
  vine.object({
    q: vine.string().trim().minLength(1).maxLength(100),
  })
)

/** The admin header's colour scheme switch: light, dark, or follow the device. */
export const COLOR_SCHEMES = ['light', 'dark', 'system'] as const
export const colorSchemeValidator = vine.compile(vine.object({ scheme: vine.enum(COLOR_SCHEMES) }))
