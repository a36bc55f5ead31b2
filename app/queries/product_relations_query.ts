import Product from '#models/product'
import Variant from '#models/variant'
import ProductImage from '#models/product_image'
import ProductOption from '#models/product_option'
import ProductOptionValue from '#models/product_option_value'
import ProductTag from '#models/product_tag'

function groupBy<Row>(rows: Row[], key: (row: Row) => number) {
  const groups = new Map<number, Row[]>()
  for (const row of rows) {
    const group = groups.get(key(row))
    if (group) group.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

/**
 * Loads variants, images, tags and options of a batch with one query each
 * and hands them to their products. Lucid's preload matches every child
 * against every parent, which is quadratic in the batch size.
 */
export async function attachRelations(products: Product[]) {
  const ids = products.map((product) => product.id)
  if (!ids.length) return
  const variants = groupBy(await Variant.query().whereIn('product_id', ids).orderBy('position').orderBy('id'), (row) => row.productId)
  const images = groupBy(await ProductImage.query().whereIn('product_id', ids).orderBy('position').orderBy('id'), (row) => row.productId)
  const tags = groupBy(await ProductTag.query().whereIn('product_id', ids).orderBy('id'), (row) => row.productId)
  const optionRows = await ProductOption.query().whereIn('product_id', ids).orderBy('position').orderBy('id')
  const values = groupBy(
    optionRows.length ? await ProductOptionValue.query().whereIn('option_id', optionRows.map((option) => option.id)).orderBy('position').orderBy('id') : [],
    (row) => row.optionId
  )
  for (const option of optionRows) option.$setRelated('values', values.get(option.id) ?? [])
  const options = groupBy(optionRows, (row) => row.productId)
  for (const product of products) {
    product.$setRelated('variants', variants.get(product.id) ?? [])
    product.$setRelated('images', images.get(product.id) ?? [])
    product.$setRelated('tags', tags.get(product.id) ?? [])
    product.$setRelated('options', options.get(product.id) ?? [])
  }
}
