import vine from '@vinejs/vine'
import { HumanMessagesProvider } from '#validators/messages'

/**
 * VineJS with the store's messages. A validator keeps the messages provider
 * Vine had when it was compiled, and most are compiled when their module is
 * first imported (some before any preload runs, by the plugin host): so
 * every validator imports `vine` from here, which sets the provider first.
 */
vine.messagesProvider = new HumanMessagesProvider()

export default vine
