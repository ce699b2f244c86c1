import Big from "big.js";

/** Rollup amounts are integers of 10^-9 currency units (ADR 0012). */
export const nanoScale = 9;

/** "123.450000000" or "-0.5" (at most 9 decimals) -> 123450000000n, without a float in between. */
export function toNanos(decimal: string): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m) throw new Error(`not a decimal: ${decimal}`);
  const [, sign, whole = "", frac = ""] = m;
  if (frac.length > nanoScale) throw new Error(`more than ${nanoScale} decimals: ${decimal}`);
  const n = BigInt((whole || "0") + frac.padEnd(nanoScale, "0"));
  return sign === "-" ? -n : n;
}

/** 123450000000n -> "123.45": exact, trailing zeros trimmed to two decimals. */
export function fromNanos(nanos: bigint | string): string {
  const n = typeof nanos === "bigint" ? nanos : BigInt(nanos);
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(nanoScale + 1, "0");
  const whole = digits.slice(0, -nanoScale);
  const frac = digits.slice(-nanoScale).replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/** Exact sum of decimal strings. */
export function sumDecimals(values: string[]): string {
  return values.reduce((acc, v) => acc.plus(v), new Big(0)).toString();
}

/** Share of `part` in `whole` as a decimal string with 4 decimals (0 when whole is 0). */
export function share(part: bigint, whole: bigint): string {
  if (whole === 0n) return "0";
  return new Big(part.toString()).div(whole.toString()).toFixed(4);
}
