import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import type { Infer } from '@vinejs/vine/types'

/**
 * One row of a stock file, with the file's column names (messages name them) (`stockroom import inventory`). The quantity is
 * the absolute on-hand count (`--mode set`) or a change (`--mode add`);
 * whether it may be negative depends on the mode, so the action checks that.
 */
export const inventoryRowValidator = operatorKeyed(vine.compile(
  vine.object({
    sku: vine.string().trim().minLength(1).maxLength(120),
    location: vine.string().trim().maxLength(32).optional(),
    on_hand: vine.number().withoutDecimals().range([-1_000_000_000, 1_000_000_000]),
  })
))

export type InventoryRow = Infer<typeof inventoryRowValidator>
