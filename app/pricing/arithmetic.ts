/**
 * Integer money arithmetic for the pricing pipeline. BigInt inside, so a
 * product of two amounts never loses precision, numbers outside.
 */

/** numerator / denominator rounded half up; both non-negative, denominator > 0. */
export function divideRounded(numerator: number | bigint, denominator: number | bigint): number {
  const n = BigInt(numerator)
  const d = BigInt(denominator)
  return Number((2n * n + d) / (2n * d))
}

/**
 * Splits `total` over `weights` in proportion, by largest remainder: each
 * share is floor(total·w/Σw), and the units left over go to the largest
 * fractional parts (earlier index first on a tie). The shares always sum to
 * `total` exactly. All-zero weights get nothing (unless total is 0 too).
 */
export function allocateProportionally(total: number, weights: number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + BigInt(weight), 0n)
  if (sum === 0n || total === 0) return weights.map(() => 0)
  const big = BigInt(total)
  const shares = weights.map((weight) => {
    const product = big * BigInt(weight)
    return { share: product / sum, remainder: product % sum }
  })
  let left = big - shares.reduce((acc, part) => acc + part.share, 0n)
  const order = shares
    .map((part, index) => ({ index, remainder: part.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  for (const { index } of order) {
    if (left === 0n) break
    shares[index].share += 1n
    left -= 1n
  }
  return shares.map((part) => Number(part.share))
}

/** Basis points of an amount, rounded half up: percentOf(1999, 1500) = 300. */
export function basisPointsOf(amount: number, basisPoints: number): number {
  return divideRounded(BigInt(amount) * BigInt(basisPoints), 10_000)
}

/**
 * Tax on a net amount at `rate` basis points: added on top (exclusive) or
 * contained in it (inclusive, VAT-style: amount · r / (10000 + r)).
 */
export function taxOn(amount: number, rate: number, inclusive: boolean): number {
  return divideRounded(BigInt(amount) * BigInt(rate), inclusive ? 10_000 + rate : 10_000)
}
