import db from '@adonisjs/lucid/services/db'
import StoreSetting from '#models/store_setting'
import { diffChanges, recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { invalidateCatalog } from '#catalog/catalog_cache'
import {
  invalidateStoreSettings,
  SETTINGS_DEFAULTS,
  type SettingsSection,
  type StoreSettingsSections,
} from '#settings/store_settings'

/** A stored picture reads as its key in the audit log, not as its list of renditions. */
function auditView(value: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(value).map(([field, item]) => [
      field,
      item && typeof item === 'object' && 'storageKey' in item ? (item as { storageKey: string }).storageKey : item,
    ])
  )
}

/**
 * Saves one settings section whole (the page's form is the section), with
 * an audit entry of what changed in the same transaction. Afterwards the
 * cached settings and every cached storefront page are dropped: settings
 * can show on any page (the home page, the footer's policies, later the
 * store's name), and they change rarely enough that a full refill is cheap.
 * Returns the section before and after.
 */
export default class SaveStoreSettings {
  async handle<K extends SettingsSection>(section: K, value: StoreSettingsSections[K], actor: Actor) {
    const before = await db.transaction(async (trx) => {
      const row = await StoreSetting.query({ client: trx }).where('key', section).forUpdate().first()
      const saved = { ...SETTINGS_DEFAULTS[section], ...((row?.value as object | undefined) ?? {}) } as StoreSettingsSections[K]
      if (row) {
        row.value = value
        await row.useTransaction(trx).save()
      } else {
        await StoreSetting.create({ key: section, value }, { client: trx })
      }
      await recordAudit(
        {
          actor,
          action: 'settings.updated',
          subjectType: 'settings',
          subjectId: section,
          changes: diffChanges(auditView({ ...saved }), auditView({ ...value })),
        },
        trx
      )
      return saved
    })
    await invalidateStoreSettings()
    await invalidateCatalog()
    return { before, after: value }
  }
}
