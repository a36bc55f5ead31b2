import db from '@adonisjs/lucid/services/db'

/** The staff member's views, by name. */
export async function orderViewsOf(staffUserId: number) {
  const rows = await db.from('saved_order_views').where('staff_user_id', staffUserId).orderBy('name').select('id', 'name', 'query')
  return rows.map((row) => ({ id: Number(row.id), name: row.name as string, query: row.query as string }))
}
