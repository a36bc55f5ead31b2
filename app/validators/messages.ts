import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/**
 * How a field is named to a person. `label` is what its form shows
 * ("Postal code"); `noun` is how a sentence names it ("your postal code",
 * "a price"). `choice` fields are picked from a list, so every problem with
 * them reads "Choose …"; `tick` fields are boxes that must be ticked;
 * `stale` fields are put in the page by the server (versions, tokens,
 * totals shown), so a problem with them means the page is old.
 */
interface FieldName {
  label: string
  noun: string
  choice?: boolean
  tick?: boolean
  stale?: boolean
  /** what the field accepts, said when its pattern (`regex`) fails */
  format?: string
}

const typed = (label: string, noun = `the ${label.toLowerCase()}`): FieldName => ({ label, noun })
const choice = (label: string, noun = `a ${label.toLowerCase()}`): FieldName => ({ label, noun, choice: true })
const tick = (label: string, noun: string): FieldName => ({ label, noun, tick: true })
const stale = (label: string): FieldName => ({ label, noun: `the ${label.toLowerCase()}`, stale: true })
const shaped = (name: FieldName, format: string): FieldName => ({ ...name, format })

/**
 * Every field a person fills in, by the key forms post (the same key means
 * the same thing in every form). A nested field (`variants.0.price`) and a
 * list entry (`ids.3`) are named by their last key that is not an index.
 */
export const FIELD_NAMES: Record<string, FieldName> = {
  // people, accounts, addresses
  email: typed('Email address', 'an email address'),
  password: typed('Password', 'a password'),
  current_password: typed('Current password', 'your current password'),
  first_name: typed('First name', 'your first name'),
  last_name: typed('Last name', 'your last name'),
  fullName: typed('Full name', 'your full name'),
  company: typed('Company'),
  line1: typed('Address', 'your street address'),
  line2: typed('Apartment, suite, etc.', 'the apartment or suite'),
  city: typed('City', 'your city'),
  region: typed('State / region', 'the state or region'),
  postal_code: shaped(typed('Postal code', 'your postal code'), 'Use letters, digits, spaces and hyphens in the postal code'),
  postalCode: typed('Postal code', 'the postal code'),
  country_code: choice('Country', 'a country'),
  countryCode: choice('Country', 'a country'),
  phone: shaped(typed('Phone', 'a phone number'), 'Use digits, spaces and + ( ) . / - in the phone number'),
  is_default_shipping: typed('Default shipping address', 'the default shipping choice'),
  is_default_billing: typed('Default billing address', 'the default billing choice'),
  address_id: choice('Saved address', 'a saved address'),
  confirm: tick('Confirm', 'the box to confirm'),
  next: stale('Return address'),
  token: stale('Link'),

  // cart and checkout
  variantId: choice('Option', 'an option'),
  quantity: typed('Quantity', 'a quantity'),
  code: shaped(typed('Code', 'a code'), 'Use letters, digits, - and _ in the code'),
  shipping_method_id: choice('Shipping method', 'a shipping method'),
  shippingMethodId: choice('Shipping method', 'a shipping method'),
  checkout_token: stale('Checkout'),
  expected_total: stale('Order total'),
  outcome: choice('Test outcome', 'a test outcome'),
  redirect_status: stale('Payment result'),

  // catalog
  title: typed('Title', 'a title'),
  handle: shaped(typed('URL handle', 'the URL handle'), 'Use lowercase letters and digits joined by single hyphens in the URL handle, like summer-shirt'),
  description: typed('Description', 'the description'),
  vendor: typed('Vendor', 'the vendor'),
  productType: typed('Product type', 'the product type'),
  type: typed('Type', 'a type'),
  tags: typed('Tags', 'the tags'),
  tag: shaped(typed('Tag', 'a tag'), 'Use lowercase letters, digits, spaces, - and _ in a tag'),
  status: choice('Status', 'a status'),
  seoTitle: typed('SEO title', 'the SEO title'),
  seoDescription: typed('SEO description', 'the SEO description'),
  options: typed('Options', 'the options'),
  values: typed('Option values', 'the option values'),
  variants: typed('Variants', 'the variants'),
  option1: typed('Option 1', 'the first option value'),
  option2: typed('Option 2', 'the second option value'),
  option3: typed('Option 3', 'the third option value'),
  sku: typed('SKU', 'a SKU'),
  price: typed('Price', 'a price'),
  compareAtPrice: typed('Compare-at price', 'a compare-at price'),
  cost: typed('Cost', 'a cost'),
  weightGrams: typed('Weight (g)', 'a weight in grams'),
  barcode: typed('Barcode', 'a barcode'),
  trackInventory: typed('Track stock', 'whether to track stock'),
  stockOnHand: typed('In stock', 'a stock count'),
  stockShown: stale('Stock shown'),
  confirmRemoval: tick('Confirm removal', 'the box to confirm removing variants'),
  lockVersion: stale('Version'),
  ids: choice('Products', 'a product'),
  action: choice('Action', 'an action'),
  images: choice('Images', 'an image to upload'),
  alt: typed('Alt text', 'the alt text'),
  variantIds: choice('Variants', 'a variant'),
  direction: choice('Direction', 'a direction'),
  imageIds: stale('Image order'),
  kind: choice('Kind', 'a kind'),
  published: typed('Published', 'whether it is published'),
  sortOrder: choice('Sort order', 'a sort order'),
  rules: typed('Conditions', 'the conditions'),
  field: choice('Condition', 'a condition'),
  value: typed('Value', 'a value'),
  members: stale('Products in the collection'),
  remove: typed('Remove', 'whether to remove it'),
  position: typed('Position', 'a position'),
  addIds: choice('Products to add', 'a product to add'),
  id: stale('Item'),

  // pricing, shipping, tax
  currency: shaped(typed('Currency', 'a three-letter currency code'), 'Enter a three-letter currency code, like USD or EUR'),
  minimumSubtotal: typed('Minimum subtotal', 'a minimum subtotal'),
  startsAt: shaped(typed('Starts', 'a start date and time'), 'Enter the start as a date and time, like 2026-12-01 09:00'),
  endsAt: shaped(typed('Ends', 'an end date and time'), 'Enter the end as a date and time, like 2026-12-31 23:59'),
  usageLimit: typed('Usage limit', 'a usage limit'),
  perCustomerLimit: typed('Limit per customer', 'a limit per customer'),
  active: typed('Active', 'whether it is active'),
  name: typed('Name', 'a name'),
  countries: typed('Countries', 'the countries'),
  amount: typed('Amount', 'an amount'),
  perKgAmount: typed('Amount per kg', 'an amount per kg'),
  freeOverAmount: typed('Free over', 'an amount for free shipping'),
  tiers: typed('Weight tiers', 'the weight tiers'),
  upToGrams: typed('Up to (g)', 'a weight in grams'),
  rate: typed('Rate (%)', 'a rate'),
  pricesIncludeTax: typed('Prices include tax', 'whether prices include tax'),
  shippingTaxable: typed('Tax shipping', 'whether shipping is taxed'),

  // orders
  reason: typed('Reason', 'a reason'),
  restock: typed('Restock', 'the units to restock'),
  refund_remaining: typed('Refund the rest', 'whether to refund the rest'),
  body: typed('Note', 'a note'),
  lines: typed('Items', 'the units of each item'),
  carrier: typed('Carrier', 'the carrier'),
  tracking_number: typed('Tracking number', 'a tracking number'),
  tracking_url: typed('Tracking link', 'a tracking link'),
  scope: choice('Which orders', 'which orders'),
  order_ids: choice('Orders', 'an order'),
  query: stale('Filters'),
  template: choice('Email', 'an email'),
  fulfillment_id: choice('Shipment', 'a shipment'),

  // newsletter and store policies
  subscribe: choice('Newsletter', 'whether to get the newsletter'),
  refund_policy: typed('Refund policy', 'the refund policy'),
  shipping_policy: typed('Shipping policy', 'the shipping policy'),
  privacy_policy: typed('Privacy policy', 'the privacy policy'),
  terms_of_service: typed('Terms of service', 'the terms of service'),
  contact_information: typed('Contact information', 'the contact information'),

  // staff
  roleId: choice('Role', 'a role'),
  passwordConfirmation: typed('Confirm password', 'the password again'),
  permissions: choice('Permissions', 'a permission'),

  // a staff member's own preferences
  scheme: choice('Colour scheme', 'a colour scheme'),

  // store settings: the home page
  heroHeading: typed('Heading', 'a heading'),
  heroText: typed('Text', 'the text under the heading'),
  buttonLabel: typed('Button label', 'the button label'),
  buttonLink: shaped(
    typed('Button link', 'the button link'),
    'Enter the button link as a path on this store, like /collections/summer, or a web address starting with https://'
  ),
  heroImage: choice('Picture', 'a picture'),
  heroImageAlt: typed('Picture description', 'the picture description'),
  removeHeroImage: typed('Remove the picture', 'whether to remove the picture'),
  featuredCollectionIds: choice('Featured collections', 'a collection'),

  // list filters (query strings)
  q: typed('Search', 'a search term'),
  sort: choice('Sort by', 'a sort order'),
  page: typed('Page', 'a page'),
  orders: choice('Has orders', 'whether they have orders'),
  payment: choice('Payment', 'a payment status'),
  fulfillment: choice('Fulfillment', 'a fulfillment status'),
  from: typed('From', 'a start date'),
  to: typed('To', 'an end date'),
  customer: choice('Customer', 'a customer'),
  total_min: typed('Total from', 'a lowest total'),
  total_max: typed('Total to', 'a highest total'),
  discount: typed('Discount code', 'a discount code'),
  state: choice('State', 'a state'),
  event: typed('Event', 'an event name'),
  staffId: choice('Staff member', 'a staff member'),
  subjectType: shaped(typed('Subject type', 'a subject type'), 'Use lowercase letters, digits and _ in the subject type'),
  subjectId: typed('Subject', 'a subject'),
  before: stale('Page'),
  after: stale('Page'),
  range: choice('Period', 'a period'),
  chart: choice('Chart', 'a chart'),
  location: choice('Location', 'a location'),
  low: tick('Low stock only', 'the low-stock box'),
  in_stock: typed('In stock only', 'whether to show items in stock only'),

  // inventory plugin
  locationId: choice('Location', 'a location'),
  fromLocationId: choice('From location', 'the location to move from'),
  toLocationId: choice('To location', 'the location to move to'),
  note: typed('Note', 'a note'),
}

/** Rule messages; `{noun}`, `{label}` and the rule's own options fill them. */
const RULES: Record<string, string> = {
  'required': 'Enter {noun}',
  'string': 'Enter {noun} as text',
  'email': 'Enter {noun} like name@example.com',
  'regex': 'Check {noun}: some characters are not allowed there',
  'url': 'Enter {noun} as a full web address, starting with https://',
  'minLength': 'Enter at least {min} characters for {noun}',
  'maxLength': '{label} must be {max} characters or fewer',
  'fixedLength': '{label} must be {size} characters',
  'confirmed': 'Enter the same {bare} twice',
  'number': 'Enter {noun} as a number',
  'withoutDecimals': 'Enter {noun} as a whole number',
  'decimal': 'Enter {noun} with at most {places} decimal places',
  'min': 'Enter {noun} of {min} or more',
  'max': 'Enter {noun} of {max} or less',
  'range': 'Enter {noun} between {min} and {max}',
  'positive': 'Enter {noun} above 0',
  'boolean': '{label}: choose yes or no',
  'accepted': 'Tick {noun}',
  'in': 'Choose {noun} from the list',
  'enum': 'Choose {noun} from the list',
  'date': 'Enter {noun} like 2026-01-31',
  'array': 'Choose {noun}',
  'array.minLength': '{label}: at least {min}',
  'array.maxLength': '{label}: no more than {max}',
  'object': 'Fill in {noun}',
  'file': 'Choose {noun} to upload',
  'file.size': 'Each file in {label} can be at most {size}',
  'file.extname': 'Upload {noun} as one of: {extnames}',
  'distinct': '{label} lists the same entry twice',
}

/** What a person can do about a value the server put in the page. */
const STALE_MESSAGE = 'This page is out of date. Reload it and try again.'

/**
 * A field's name for messages: its entry in FIELD_NAMES, or, for fields no
 * person types (CLI options, file columns, plugin settings), the key itself
 * in quotes, which is the word the operator wrote.
 */
export function fieldName(field: Pick<FieldContext, 'name' | 'wildCardPath'> & Partial<Pick<FieldContext, 'getFieldPath'>>): FieldName {
  const key = String(field.wildCardPath ?? field.name)
    .split('.')
    .filter((part) => part !== '*' && !/^\d+$/.test(part))
    .pop() ?? String(field.name)
  return FIELD_NAMES[key] ?? keyName(field)
}

/** The field's own key path, quoted (`“staffAlertsTo.1”`): the words a CLI user or a config file wrote. */
function keyName(field: Pick<FieldContext, 'name' | 'wildCardPath'> & Partial<Pick<FieldContext, 'getFieldPath'>>): FieldName {
  const key = String(field.getFieldPath?.() || field.wildCardPath || field.name)
  return { label: `“${key}”`, noun: `“${key}”` }
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

function fill(template: string, values: object) {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (values as Record<string, unknown>)[name]
    if (typeof value === 'number') return numberFormat.format(value)
    if (Array.isArray(value)) return value.join(', ')
    return value === undefined || value === null ? '' : String(value)
  })
}

/**
 * VineJS messages in the store's words, for every validator (set as
 * `vine.messagesProvider` by `#validators/vine`). A rule reported by our own
 * code (`field.report('Choose a country from the list', …)`) keeps its
 * words, with `{{ field }}` naming the field.
 *
 * `keyed` names each field by its key in quotes instead of a form label: for
 * validators whose keys are the operator's own words (CLI options, file
 * columns, plugin settings), see operatorKeyed().
 */
export class HumanMessagesProvider implements MessagesProviderContact {
  constructor(readonly options: { keyed?: boolean } = {}) {}

  getMessage(rawMessage: string, rule: string, field: FieldContext, args?: Record<string, any>) {
    const name = this.options.keyed ? keyName(field) : fieldName(field)
    if (name.stale) return STALE_MESSAGE
    const template = RULES[rule]
    if (!template) return rawMessage.replace(/\{\{\s*field\s*\}\}/g, name.noun)
    if (name.choice && rule !== 'array.maxLength') return fill('Choose {noun}', name)
    if (name.tick) return fill('Tick {noun}', name)
    if (rule === 'regex' && name.format) return name.format
    const values: Record<string, unknown> = { ...args, noun: name.noun, label: name.label, bare: name.label.toLowerCase() }
    // "at least 1 character" is "enter something"
    if (rule === 'minLength' && Number(args?.min) <= 1) return fill(RULES.required, values)
    if (rule === 'array.minLength' && Number(args?.min) <= 1) return fill('Choose {noun}', values)
    if (rule === 'decimal') values.places = String(args?.digits ?? '').split('-').pop()
    return fill(template, values)
  }
}

const keyedMessages = new HumanMessagesProvider({ keyed: true })

/**
 * Marks a validator whose keys are what the operator typed (`--since`, an
 * `on_hand` column, `stripe.secretKey` in config/plugins.ts): its messages
 * quote the key ("Enter “on_hand” as a whole number") rather than a label
 * from a form the operator never saw.
 */
export function operatorKeyed<Validator extends { messagesProvider: MessagesProviderContact }>(validator: Validator) {
  validator.messagesProvider = keyedMessages
  return validator
}
