import Big from "big.js";

/**
 * Exact money for the analytics: big.js values, decimal strings on the wire. Statistics that only decide
 * (the spread of a baseline, the width of an interval) may be numbers; amounts users add up never are.
 */
export type Amount = Big;

export const zero = (): Big => new Big(0);

export function amount(value: string | number | Big): Big {
  return new Big(value);
}

/**
 * Exact amount for the wire: plain notation (big.js would print 1e-7), at least two decimals like the
 * rest of the cost API ("12.50"), more when the data has them ("0.000123").
 */
export function money(value: Big): string {
  const plain = value.toFixed();
  const decimals = plain.split(".")[1]?.length ?? 0;
  return decimals >= 2 ? plain : value.toFixed(2);
}

/** An estimate (forecast, interval bound) to the cent, half to even: it is not a sum of stored amounts. */
export function estimate(value: Big): string {
  return value.round(2, Big.roundHalfEven).toFixed(2);
}

export function total(values: Iterable<Big>): Big {
  let out = zero();
  for (const v of values) out = out.plus(v);
  return out;
}

/** Exact median: the mean of the two middle values is a halving, which terminates in decimal. */
export function median(values: Big[]): Big {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a.cmp(b));
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as Big;
  if (sorted.length % 2 === 1) return upper;
  return (sorted[mid - 1] as Big).plus(upper).div(2);
}

/** Median absolute deviation from the median (unscaled). */
export function medianAbsoluteDeviation(values: Big[], center: Big = median(values)): Big {
  return median(values.map((v) => v.minus(center).abs()));
}

/** Scaled integer (nano-units, 10^9 per currency unit) as stored in `cost_daily`, to an exact decimal. */
export function fromNano(value: string | number | bigint): Big {
  return new Big(String(value)).div(1_000_000_000);
}

/** A ratio as a plain number rounded to `places` decimals, 0 when the denominator is zero. */
export function ratio(numerator: Big, denominator: Big, places = 4): number {
  if (denominator.eq(0)) return 0;
  return Number(numerator.div(denominator).round(places, Big.roundHalfEven).toFixed(places));
}
