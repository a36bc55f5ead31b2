import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StoreSetting from '#models/store_setting'
import { SETTINGS_DEFAULTS, type HomeSettings } from '#settings/store_settings'

/**
 * The demo store's home page as a merchant would set it up in Admin › Settings ›
 * Home page: a hero that says what the shop sells, with a button into its first
 * collection. Without it a first start opens on a band with the store's name
 * alone. Featured collections keep their default (the first ones by title).
 * Leaves a home page staff already saved alone.
 */
export async function writeDemoHomePage(trx: TransactionClientContract) {
  if (await StoreSetting.query({ client: trx }).where('key', 'home').first()) return
  const first = await trx.from('collections').where('published', true).orderBy('title').select('handle', 'title').first()
  const home: HomeSettings = {
    ...SETTINGS_DEFAULTS.home,
    heroHeading: 'Everyday goods, made to last',
    heroText: 'Tees, mugs, notebooks and candles from small workshops. Every piece in this demo store is drawn for it.',
    buttonLabel: first ? `Shop ${first.title}` : null,
    buttonLink: first ? `/collections/${first.handle}` : null,
  }
  await StoreSetting.create({ key: 'home', value: home }, { client: trx })
}
