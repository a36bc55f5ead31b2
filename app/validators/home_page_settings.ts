import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

/** How many collections the home page can feature (Admin › Settings › Home page shows one picker each). */
export const MAX_FEATURED_COLLECTIONS = 6

/**
 * Where the hero's button may point: a path on this site ("/collections/summer",
 * not "//elsewhere") or an https address. Anything else (javascript:, http:,
 * a bare word) is refused, so the button can never run script or downgrade.
 */
export const BUTTON_LINK = /^(?:\/(?![/\\])[^\s\\]*|https:\/\/[^\s/?#\\]+(?:[/?#][^\s\\]*)?)$/

/** Admin › Settings › Home page. The picture's content is checked by the image pipeline after this. */
export const homePageSettingsValidator = vine.compile(
  vine.object({
    heroHeading: vine.string().trim().maxLength(120).optional(),
    heroText: vine.string().trim().maxLength(400).optional(),
    buttonLabel: vine.string().trim().maxLength(40).optional(),
    buttonLink: vine.string().trim().maxLength(500).regex(BUTTON_LINK).optional(),
    // the pipeline reads the bytes and says what is wrong with them; a name or type the browser sent proves nothing
    // the pipeline reads the bytes and says what is wrong with them; the name a browser sent proves nothing
    heroImage: vine.file({ size: '20mb' }).optional(),
    heroImageAlt: vine.string().trim().maxLength(200).optional(),
    removeHeroImage: vine.boolean().optional(),
    featuredCollectionIds: vine
      .array(vine.number().withoutDecimals().positive().max(2_147_483_647).nullable())
      .maxLength(MAX_FEATURED_COLLECTIONS)
      .optional(),
  })
)

export type HomePageSettingsInput = Infer<typeof homePageSettingsValidator>
