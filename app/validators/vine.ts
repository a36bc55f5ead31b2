import vine from '@vinejs/vine'
import { HumanMessagesProvider } from '#validators/messages'
import { MAX_RECORD_ID } from '#services/route_params'

/**
 * VineJS with the store's messages. A validator keeps the messages provider
 * Vine had when it was compiled, and most are compiled when their module is
 * first imported (some before any preload runs, by the plugin host): so
 * every validator imports `vine` from here, which sets the provider first.
 */
vine.messagesProvider = new HumanMessagesProvider()

export default vine

/**
 * A row id in a form or query (`variantId`, `order_ids[]`): a whole number
 * from 1 to PostgreSQL's integer maximum, so a forged id beyond 32 bits is
 * refused here instead of failing in the database. URL parameters use the
 * same range (#services/route_params).
 */
export const recordId = () => vine.number().withoutDecimals().positive().max(MAX_RECORD_ID)
