import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

/** The footer's (and the newsletter page's) sign-up form. */
export const newsletterSignUpValidator = vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
  })
)

/** The account page's subscription switch: subscribe=1 joins, subscribe=0 leaves. */
export const newsletterChoiceValidator = vine.compile(vine.object({ subscribe: vine.boolean() }))

/** An unsubscribe link's token: 32 random bytes in base64url. */
export const unsubscribeTokenValidator = vine.compile(
  vine.object({ token: vine.string().regex(/^[A-Za-z0-9_-]{43}$/) })
)

export const subscriberStatuses = ['subscribed', 'unsubscribed'] as const

/** Admin › Customers › Subscribers filters, from the query string (blank fields dropped). */
export const subscriberFiltersValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(120).optional(),
    status: vine.enum(subscriberStatuses).optional(),
    page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  })
)
export type SubscriberFilters = Infer<typeof subscriberFiltersValidator>
