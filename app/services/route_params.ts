/**
 * A row id in a URL (`/cart/lines/:variantId`, `/admin/orders/:id`): 1 to
 * 2,147,483,647, the range of an integer column in PostgreSQL. Anything
 * else does not match the route and is a 404, instead of reaching the
 * database, which refuses an id beyond 32 bits with an error (a 500).
 * Every numeric route parameter uses this one matcher.
 */
export const recordId = {
  match: /^(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])$/,
  cast: (value: string) => Number(value),
}

/** The largest id `recordId` matches (PostgreSQL's integer maximum). */
export const MAX_RECORD_ID = 2_147_483_647
